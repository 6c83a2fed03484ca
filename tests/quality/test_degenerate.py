"""Each degenerate-output detector on a real corpus sentence."""
import pytest

from service.quality.degenerate import detect_degenerate, repetition

SOURCE = "युद्ध क्षेत्र में कम से कम चार भारतीयों की मौत हो चुकी है।"
GOOD = "At least four Indians have died in the war zone."


def test_good_translation_passes():
    assert detect_degenerate(SOURCE, GOOD) == []


@pytest.mark.parametrize("output, problem", [
    ("", "empty output"),
    ("   ", "empty output"),
    ("युद्ध क्षेत्र में कम से कम चार भारतीयों की मौत हो चुकी है।", "untranslated"),
    ("The poor, poor, poor, poor people died.", "repetition loop"),
    ("Indians died in the war in the war in the war zone.", "repetition loop"),
    ("At least four Indians have died in the war", "truncated"),
    ("Died.", "too short"),
    (GOOD + " Many other people from the region have also been killed in fighting that has gone on for years in this part of the world.", "too long"),
])
def test_each_failure_is_detected(output, problem):
    assert any(problem in p for p in detect_degenerate(SOURCE, output))


def test_summaries_may_be_short():
    assert detect_degenerate(SOURCE, "Four died.", complete=False) == []


def test_repetition_names_the_unit():
    assert repetition("poor, poor, poor") == "poor"
    assert repetition("the talks were held in Moscow and the talks were useful.") is None
