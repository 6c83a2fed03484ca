"""The guards inside the pipeline: planted failures are retried once with safer decoding, then fixed or flagged."""
import pytest

from service.quality.guard import SAFE_DECODING
from tests.quality.conftest import PlantedGenerator, echo_references, load_reference, planted_pipeline
from service.pipeline.brief import BriefRequest

ARTICLE = load_reference("article-04")
TARGET = next(s for s in ARTICLE["sentences"] if "17-18" in s["hindi"])
BAD_OUTPUTS = {
    "wrong number": TARGET["english"].replace("17-18", "16-18"),
    "wrong name": TARGET["english"].replace("Jaishankar", "Modi"),
    "missing date": TARGET["english"].replace(" on November 17-18", ""),
    "untranslated": TARGET["hindi"],
    "repetition": "Russian Russian Russian Russian Russian Russian.",
    "empty": "",
    "truncated": TARGET["english"][:-1].rsplit(" ", 3)[0],
    "too long": TARGET["english"] + " " + " ".join(["The talks will also cover many other subjects."] * 6),
}


def planted(bad: str, retry_fixes: bool) -> PlantedGenerator:
    def respond(text, options):
        if " ".join(text.split()) == " ".join(TARGET["hindi"].split()):
            if options.num_beams == 1 or not retry_fixes:
                return bad
        return echo_references(text, options)

    return PlantedGenerator(respond)


def brief_of(generator, mode="extractive", **settings):
    return planted_pipeline(generator, **settings).brief(BriefRequest(data=ARTICLE["article"], mode=mode, bullets=20))


def target_bullet(brief):
    items = brief.translations if brief.mode == "translate" else brief.bullets
    return next(b for b in items if "17-18" in b.source_text)


@pytest.mark.parametrize("kind", list(BAD_OUTPUTS))
def test_failure_persisting_after_one_retry_is_flagged(kind):
    generator = planted(BAD_OUTPUTS[kind], retry_fixes=False)
    brief = brief_of(generator)
    assert len(generator.calls) == 2  # headline and bullets in one batch, then one batched retry
    retry_texts, retry_options = generator.calls[-1]
    assert retry_texts == [TARGET["hindi"]]
    assert (retry_options.num_beams, retry_options.no_repeat_ngram_size, retry_options.repetition_penalty) == (4, 3, 1.2)
    bullet = target_bullet(brief)
    assert bullet.warnings, kind
    assert any("failed the quality checks" in w for w in brief.warnings)
    quality = brief.checks["quality"]
    assert quality["failed"] == 1 and quality["retried"] == 1
    failed = [o for o in quality["outputs"] if not o["passed"]]
    assert len(failed) == 1 and failed[0]["retried"] and not failed[0]["fixed_by_retry"]


@pytest.mark.parametrize("kind", ["wrong number", "repetition", "untranslated"])
def test_good_retry_replaces_the_failed_output(kind):
    generator = planted(BAD_OUTPUTS[kind], retry_fixes=True)
    brief = brief_of(generator)
    bullet = target_bullet(brief)
    assert bullet.text == TARGET["english"]
    assert bullet.warnings == [] and brief.warnings == []
    assert brief.checks["quality"]["failed"] == 0
    assert [o for o in brief.checks["quality"]["outputs"] if o["retried"]][0]["fixed_by_retry"]


def test_clean_output_needs_no_retry_and_reports_what_was_checked():
    generator = PlantedGenerator(echo_references)
    brief = brief_of(generator)
    assert len(generator.calls) == 1
    quality = brief.checks["quality"]
    assert quality["failed"] == 0 and quality["checked"] == len(brief.bullets) + 1
    checked = [c for o in quality["outputs"] for c in o["faithfulness"]["checked"]]
    assert {"number", "date", "entity"} <= {c["kind"] for c in checked}
    assert "guard" in brief.timings_ms


def test_drop_policy_removes_a_failing_bullet_in_extractive_mode():
    generator = planted(BAD_OUTPUTS["wrong number"], retry_fixes=False)
    brief = brief_of(generator, faithfulness_policy="drop")
    assert all("17-18" not in b.source_text for b in brief.bullets)
    assert brief.checks["quality"]["dropped"]
    assert any("dropped 1" in w for w in brief.warnings)


def test_drop_policy_only_flags_in_translate_mode():
    generator = planted(BAD_OUTPUTS["wrong number"], retry_fixes=False)
    brief = brief_of(generator, mode="translate", faithfulness_policy="drop")
    assert len(brief.translations) == len(ARTICLE["sentences"])
    assert target_bullet(brief).warnings


def test_guards_can_be_switched_off():
    generator = planted(BAD_OUTPUTS["wrong number"], retry_fixes=True)
    brief = brief_of(generator, guards=False)
    assert len(generator.calls) == 1 and "quality" not in brief.checks


def test_safe_decoding_is_beam_search_without_repeats():
    assert (SAFE_DECODING.num_beams, SAFE_DECODING.no_repeat_ngram_size, SAFE_DECODING.repetition_penalty) == (4, 3, 1.2)
