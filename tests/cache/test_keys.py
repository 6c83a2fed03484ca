import pytest

import service.pipeline
from service.cache.keys import brief_key, normalize_text

TEXT = "भारत और रूस के विदेश मंत्रियों ने मुलाकात की।\n\nदोनों ने चर्चा की।"
BASE = dict(model="Helsinki-NLP/opus-mt-hi-en", revision=None, options={"bullets": 5, "mode": "extractive"})


def key(text: str = TEXT, **changes):
    return brief_key(text, **{**BASE, **changes})


def test_key_is_prefixed_and_stable():
    assert key().startswith("brief:v1:") and len(key().split(":")[2]) == 64
    assert key() == key()


def test_whitespace_and_unicode_form_do_not_change_the_key():
    messy = "  भारत  और\tरूस के विदेश मंत्रियों ने मुलाकात की। \r\n \n\n\nदोनों ने  चर्चा की।\n"
    assert key(messy) == key()
    nfd = "\u0915\u093c"  # क + nukta, NFC composes it to क़
    assert key(nfd) == key("\u0958")


def test_option_order_does_not_change_the_key():
    assert key(options={"mode": "extractive", "bullets": 5}) == key()


@pytest.mark.parametrize(
    "changes",
    [
        {"text": TEXT + " नया"},
        {"text": TEXT.replace("\n\n", " ")},
        {"model": "facebook/nllb-200-distilled-600M"},
        {"revision": "main"},
        {"options": {"bullets": 3, "mode": "extractive"}},
        {"kind": "translate"},
    ],
)
def test_anything_that_changes_the_output_changes_the_key(changes):
    text = changes.pop("text", TEXT)
    assert key(text, **changes) != key()


def test_pipeline_version_changes_the_key(monkeypatch):
    before = key()
    monkeypatch.setattr(service.pipeline, "PIPELINE_VERSION", "test-next")
    assert key() != before


def test_kind_is_the_prefix():
    assert key(kind="translate").startswith("translate:v1:")


def test_normalize_keeps_paragraphs():
    assert normalize_text(" a \u00a0b \n\n\n c ") == "a b\n\nc"
