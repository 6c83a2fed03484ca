import pytest

from service.errors import UnsupportedLanguage
from service.pipeline.language import identify, require_supported


@pytest.mark.parametrize(
    "text",
    ["भारत", "जयशंकर ने कहा", "मैं घर जा रहा हूं", "विदेश मंत्री एस. जयशंकर ने बुधवार को लावरोव से मुलाकात की।"],
)
def test_hindi_including_short_snippets(text):
    assert require_supported(text) == "hi"


def test_english_is_accepted():
    assert require_supported("The foreign minister met his Russian counterpart in Moscow on Monday.") == "en"
    assert require_supported("The minister met.") == "en"


@pytest.mark.parametrize(
    "text, code",
    [
        ("माझं नाव राहुल आहे आणि मी पुण्यात राहतो. आज खूप पाऊस पडला.", "mr"),
        ("नेपालको राजधानी काठमाडौं हो। म नेपाली बोल्छु।", "ne"),
        ("پاکستان کے وزیر اعظم نے آج اعلان کیا", "ur"),
        ("Le ministre des affaires étrangères a rencontré son homologue russe à Moscou.", "fr"),
    ],
)
def test_other_languages_are_rejected_with_their_name(text, code):
    with pytest.raises(UnsupportedLanguage) as info:
        require_supported(text)
    assert info.value.language == code
    assert "Hindi" in info.value.detail


def test_devanagari_other_than_hindi_explains_the_script_is_shared():
    with pytest.raises(UnsupportedLanguage, match="Devanagari script is shared"):
        require_supported("माझं नाव राहुल आहे आणि मी पुण्यात राहतो. आज खूप पाऊस पडला.")


def test_urdu_gets_a_script_hint():
    with pytest.raises(UnsupportedLanguage, match="Urdu script"):
        require_supported("پاکستان کے وزیر اعظم نے آج اعلان کیا")


def test_no_words_at_all():
    assert identify("123 ?? !!").code == "zxx"
    with pytest.raises(UnsupportedLanguage, match="no words"):
        require_supported("123 ?? !!")
