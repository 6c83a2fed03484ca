"""The overlay on real briefs of the tiny model: corrections verbatim, guard re-checks, reverts undone."""
from dataclasses import replace

import pytest

from service.config import Settings
from service.editorial import Editorial
from service.editorial.overlay import UNAVAILABLE_NOTE, Overlay
from service.pipeline.brief import BriefRequest
from service.quality.terms import GlossaryTerm
from service.runtime import build_pipeline
from tests.corpus import corpus_articles

ARTICLE = corpus_articles()[0].read_bytes()


@pytest.fixture(scope="module")
def made(tiny_models, tmp_path_factory):
    settings = Settings(model=str(tiny_models["marian"]), extra_models=(str(tiny_models["mt5"]),), max_new_tokens=16,
                        data_dir=tmp_path_factory.mktemp("overlay"), guard_retry=False, memory=False)
    pipeline = build_pipeline(settings)
    made = {mode: pipeline.brief(BriefRequest(data=ARTICLE, mode=mode, bullets=3)).to_dict() for mode in ("translate", "extractive")}
    made["abstractive"] = pipeline.brief(BriefRequest(data=ARTICLE, mode="abstractive", bullets=2, model=str(tiny_models["mt5"]))).to_dict()
    return settings, made


@pytest.fixture
def overlay(made, tmp_path):
    settings = replace(made[0], data_dir=tmp_path)
    return Overlay(Editorial(settings), settings)


def _faithful(source: str) -> str:
    """An English sentence holding the source's digits, so the guard has something real to pass."""
    digits = [w for w in source.replace("।", " ").split() if w.isdigit()]
    return "Editors wrote this sentence " + " ".join(digits) + "."


def test_a_correction_replaces_its_sentence_verbatim_and_is_checked(made, overlay):
    brief = made[1]["translate"]
    target = brief["translations"][1]
    text = _faithful(target["source_text"])
    overlay.editorial.corrections.add(target["source_text"], text)
    served = overlay.apply(brief)
    item = served["translations"][1]
    assert item["text"] == text and item["corrected"] is True and item["model_text"] == target["text"]
    assert item["correction_id"] >= 1
    assert [i["corrected"] for i in served["translations"]].count(True) == 1
    assert item["warnings"] != target["warnings"] or target["warnings"] == [], "warnings describe the served text"
    check = served["checks"]["quality"]["outputs"][1]
    assert check["rechecked"] and check["passed"] == (item["warnings"] == [])
    assert brief["translations"][1]["text"] == target["text"], "the cached brief itself is never changed"
    failed = sum(1 for o in served["checks"]["quality"]["outputs"] if not o["passed"])
    summary = [w for w in served["warnings"] if "failed the quality checks" in w]
    assert summary == ([f"{failed} of {len(served['translations'])} translations failed the quality checks "
                        "(see each one's warnings)."] if failed else [])

    correction_id = item["correction_id"]
    overlay.editorial.corrections.revert(correction_id)
    again = overlay.apply(served)  # a served brief (say, a finished job) read after the revert
    assert again["translations"][1]["text"] == target["text"] and again["translations"][1]["corrected"] is False
    assert "model_text" not in again["translations"][1] and "correction_id" not in again["translations"][1]
    assert again["translations"][1]["warnings"] == target["warnings"]


def test_the_title_and_extractive_bullets_take_corrections(made, overlay):
    brief = made[1]["extractive"]
    overlay.editorial.corrections.add(brief["title_source"], "The editors' headline")
    overlay.editorial.corrections.add(brief["bullets"][0]["source_text"], "The editors' first bullet.")
    served = overlay.apply(brief)
    assert served["title"] == "The editors' headline" and served["title_corrected"] and served["title_model"] == brief["title"]
    assert served["bullets"][0]["text"] == "The editors' first bullet." and served["bullets"][0]["corrected"]


def test_abstractive_bullets_summarise_several_sentences_so_no_correction_applies(made, overlay):
    brief = made[1]["abstractive"]
    for sentence in brief["sentences"]:
        overlay.editorial.corrections.add(sentence["text"], "Corrected.")
    served = overlay.apply(brief)
    assert all(not b["corrected"] for b in served["bullets"])
    assert [b["text"] for b in served["bullets"]] == [b["text"] for b in brief["bullets"]]


def test_glossary_spellings_apply_to_model_output_not_to_corrections(made, overlay):
    brief = made[1]["translate"]
    named = [i for i, t in enumerate(brief["translations"]) if "जयशंकर" in t["source_text"]]
    assert len(named) >= 2, "the first shared article names Jaishankar in several sentences"
    first, second = named[:2]
    overlay.editorial.glossary.replace([GlossaryTerm("जयशंकर", "Jaishankar")])
    overlay.editorial.corrections.add(brief["translations"][second]["source_text"], "Jayshanker, as the editor wrote it.")
    # Say the model wrote the name the way it sounds to it:
    items = [dict(t) for t in brief["translations"]]
    items[first]["text"] = "Foreign Minister Jayshanker met the President."
    served = overlay.apply({**brief, "translations": items})
    assert served["translations"][first]["text"] == "Foreign Minister Jaishankar met the President."
    assert served["translations"][first]["model_text"] == "Foreign Minister Jayshanker met the President."
    assert not any("जयशंकर" in w for w in served["translations"][first]["warnings"]), "the guard finds the name now"
    assert served["translations"][second]["text"] == "Jayshanker, as the editor wrote it.", "corrections stay verbatim"


def test_a_failing_database_serves_the_brief_and_says_so(made, tmp_path):
    settings = replace(made[0], data_dir=tmp_path, database_url="postgresql://nobody@127.0.0.1:1/none")
    served = Overlay(Editorial(settings, retry_s=0), settings).apply(made[1]["translate"])
    assert served["translations"][0]["text"] == made[1]["translate"]["translations"][0]["text"]
    assert served["warnings"][-1] == UNAVAILABLE_NOTE
