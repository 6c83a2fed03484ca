"""Property-based: no input makes the pipeline raise anything but a typed ``BriefError``."""
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from service.config import Settings
from service.errors import BriefError
from service.pipeline.brief import BriefRequest
from service.pipeline.clean import clean_article
from service.pipeline.segment import split_sentences
from service.pipeline.select import select_sentences
from service.runtime import build_pipeline

DEVANAGARI = st.characters(min_codepoint=0x0900, max_codepoint=0x097F)
PIECES = st.sampled_from(
    [
        "।", "॥", ".", "?", "!", "…", "’", "”", "\"", "(", ")", "\u200d", "\u200c", "\u200b", "\ufeff",
        "\x00", "\x07", "\r", "\n", "\n\n", "\t", " ", "डॉ.", "एस.", "4.5", "१२३", "१७-१८", "https://x.y/z",
        "<p>", "</div>", "<!doctype html>", "पढ़ें-", "Advertisment", "Home / News /", "विज्ञापन", "0", "175",
    ]
)
HOSTILE_TEXT = st.lists(
    st.one_of(st.text(DEVANAGARI, max_size=30), st.text(max_size=20), PIECES), max_size=40
).map("".join)


@pytest.fixture(scope="module")
def pipeline(tiny_models):
    return build_pipeline(Settings(model=str(tiny_models["marian"]), max_new_tokens=8, memory=False))


@hsettings(max_examples=150, deadline=None)
@given(HOSTILE_TEXT)
def test_model_free_stages_never_crash(text):
    for language in ("hi", "en"):
        clean = clean_article(text, language)
        sentences = split_sentences(clean.paragraphs)
        assert all(s.text.strip() for s in sentences)
        chosen = select_sentences(sentences, 5, clean.headline)
        assert len(chosen) <= 5


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(HOSTILE_TEXT, st.binary(max_size=200)))
def test_preparation_raises_only_typed_errors(pipeline, data):
    try:
        pipeline.prepare(BriefRequest(data=data))
    except BriefError as exc:
        assert exc.detail and 400 <= exc.status < 600


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE_TEXT, st.sampled_from(["extractive", "translate"]))
def test_whole_pipeline_with_the_model_never_crashes(pipeline, text, mode):
    try:
        brief = pipeline.brief(BriefRequest(data=text, mode=mode, bullets=3))
    except BriefError as exc:
        assert exc.status < 500, f"bad input must be a 4xx, got {exc.status}: {exc.detail}"
        return
    assert brief.bullets or brief.translations


@pytest.mark.parametrize(
    "text",
    [
        "क" * 30_000,  # one giant "word"
        ("भारत रूस " * 2_000).strip() + "।",  # one giant sentence
        "।।।।?!!..." * 200,  # only punctuation
        "१२३४५६७८९० ।" * 50,  # Devanagari digits only
        "क\u200dष\u200c" * 2_000,  # zero-width joiners
        "भारत English русский 中文 العربية " * 200,  # mixed scripts
    ],
)
def test_named_hostile_inputs(pipeline, text):
    try:
        brief = pipeline.brief(BriefRequest(data=text, mode="translate"))
    except BriefError as exc:
        assert exc.status < 500
        return
    assert all(t.text for t in brief.translations)
