"""Faithfulness checks on real corpus sentences: planted errors are flagged, correct English passes."""
import pytest

from service.quality.faithfulness import check_faithfulness
from service.quality.numbers import english_numbers, hindi_numbers

MEETING = "रूस की विदेश मंत्रालय की प्रवक्ता मारिया जखारोवा ने कहा कि जयशंकर एससीओ बैठक के लिए एक उच्च स्तरीय भारतीय प्रतिनिधिमंडल के साथ 17-18 नवंबर को मॉस्को में होंगे।"
MEETING_EN = "Russian Foreign Ministry spokesperson Maria Zakharova said that Jaishankar will be in Moscow on November 17-18 with a high-level Indian delegation for the SCO meeting."
TRADE = "हाल के वर्षों में, यूक्रेन युद्ध के बावजूद, दोनों देशों का व्यापार 2024-25 में 65 अरब डॉलर को पार कर गया, जिसमें रूस भारत का सबसे बड़ा तेल आपूर्तिकर्ता बन गया।"
TRADE_EN = "In recent years, despite the Ukraine war, trade between the two countries crossed 65 billion dollars in 2024-25, with Russia becoming India's largest oil supplier."
DEATHS = "युद्ध क्षेत्र में कम से कम चार भारतीयों की मौत हो चुकी है।"
STUDENTS = "बिश्केक स्थित भारतीय दूतावास के मुताबिक, किर्गिस्तान में करीब 4,500 भारतीय छात्र विभिन्न मेडिकल संस्थानों में पढ़ाई कर रहे हैं।"
STUDENTS_EN = "According to the Indian Embassy in Bishkek, about 4,500 Indian students are studying at various medical institutions in Kyrgyzstan."
SPOKESMAN = "विदेश मंत्रालय के प्रवक्ता रणधीर जायसवाल ने सभी भारतीय नागरिकों से कहा है कि रूस में रोजगार की तलाश में जाने से पहले एहतियात बरतें।"
SPOKESMAN_EN = "Ministry of External Affairs spokesperson Randhir Jaiswal has told all Indian citizens to take precautions before going to Russia in search of jobs."


@pytest.mark.parametrize("hindi, values", [
    ("17-18 नवंबर", [17, 18]), ("65 अरब डॉलर", [65e9]), ("कम से कम चार भारतीयों", [4]), ("दो सौ लोग", [200]),
    ("करीब 4,500 भारतीय", [4500]), ("१७ नवंबर", [17]), ("दस हजार", [1e4]), ("ढाई लाख", [2.5e5]), ("एक बयान", []),
])
def test_hindi_numbers(hindi, values):
    assert hindi_numbers(hindi) == values


@pytest.mark.parametrize("english, values", [
    ("November 17-18", [17, 18]), ("$65 billion", [65e9]), ("four Indians", [4]), ("two hundred people", [200]),
    ("4,500 students", [4500]), ("twenty-five", [25]), ("6.5 crore", [6.5e7]), ("an official, one of them", []),
])
def test_english_numbers(english, values):
    assert english_numbers(english) == values


@pytest.mark.parametrize("hindi, english", [
    (MEETING, MEETING_EN),
    (MEETING, "Russian foreign ministry spokeswoman Maria Zakharova said Jaishankar will be in Moscow on 17-18 November with a high-level Indian delegation for the SCO meeting."),
    (TRADE, TRADE_EN),
    (TRADE, "Despite the Ukraine war, bilateral trade crossed $65 bn in 2024-25, and Russia became India's biggest oil supplier."),
    (DEATHS, "At least four Indians have died in the war zone."),
    (DEATHS, "At least 4 Indians have died in the war zone."),
    (STUDENTS, STUDENTS_EN),
    (SPOKESMAN, SPOKESMAN_EN),
    (SPOKESMAN, "Foreign ministry spokesman Randheer Jaiswal asked all Indian citizens to be careful before going to Russia for jobs."),
])
def test_correct_translations_pass(hindi, english):
    result = check_faithfulness(hindi, english)
    assert result.passed, result.warnings()
    assert result.checks, "something was checked"


@pytest.mark.parametrize("hindi, english, expected", [
    (MEETING, MEETING_EN.replace("17-18", "16-18"), "number 16 is not in the source"),
    (TRADE, TRADE_EN.replace("65 billion", "56 billion"), "number 56000000000 is not in the source"),
    (TRADE, TRADE_EN.replace("65 billion", "65 million"), "number 65000000 is not in the source"),
    (STUDENTS, STUDENTS_EN.replace("4,500", "450"), "number 4500 in the source is missing"),
    (DEATHS, "At least three Indians have died in the war zone.", "number 4 in the source is missing"),
    (MEETING, MEETING_EN.replace("November", "December"), "date December is not in the source"),
    (MEETING, MEETING_EN.replace(" on November 17-18", ""), "date November in the source is missing"),
    (MEETING, MEETING_EN.replace("Jaishankar", "Modi"), "entity Modi is not in the source"),
    (MEETING, MEETING_EN.replace("SCO", "BRICS"), "entity एससीओ (SCO) in the source is missing"),
    (SPOKESMAN, SPOKESMAN_EN.replace("Randhir Jaiswal", "Arindam Bagchi"), "entity Bagchi is not in the source"),
    (TRADE, TRADE_EN.replace("Russia becoming", "Iran becoming"), "entity Iran is not in the source"),
])
def test_planted_errors_are_flagged(hindi, english, expected):
    result = check_faithfulness(hindi, english)
    assert not result.passed
    assert expected in result.warnings()


def test_summary_mode_only_checks_what_the_bullet_says():
    short = "Trade crossed 65 billion dollars."
    assert check_faithfulness(TRADE, short, complete=False).passed
    assert not check_faithfulness(TRADE, short, complete=True).passed
    assert not check_faithfulness(TRADE, "Trade crossed 75 billion dollars.", complete=False).passed


def test_result_serializes_checked_and_failed():
    data = check_faithfulness(MEETING, MEETING_EN.replace("17-18", "16-18")).to_dict()
    assert data["passed"] is False
    assert {"kind": "number", "value": "16", "ok": False, "problem": "unsupported", "certain": True} in data["failed"]
    assert any(c["value"] == "18" for c in data["checked"])


RALLY = "प्रधानमंत्री नरेंद्र मोदी ने रैली को संबोधित किया।"


@pytest.mark.parametrize("swapped", ["Cooper", "Jazz"])
def test_dictionary_word_in_the_place_of_a_name_is_flagged(swapped):
    assert check_faithfulness(RALLY, "Prime Minister Narendra Modi addressed the rally.").passed
    result = check_faithfulness(RALLY, f"Prime Minister Narendra {swapped} addressed the rally.")
    assert [(c.value, c.problem) for c in result.failures] == [(swapped, "unsupported")]


@pytest.mark.parametrize("hindi, english", [
    ("उत्तरी अमेरिका में भारी बर्फ गिरी।", "Heavy snow fell in North America."),
    ("कल उत्तर प्रदेश में भारी बारिश हुई।", "Heavy rain fell in Uttar Pradesh State yesterday."),
])
def test_translated_words_of_place_names_are_not_flagged(hindi, english):
    assert check_faithfulness(hindi, english).passed


def test_a_spelling_variant_is_a_possible_problem_only():
    result = check_faithfulness("वे डिज़्नी वर्ल्ड गए।", "They went to Disney World.")
    assert result.passed
    assert [c.value for c in result.possible] == ["Disney"]
    assert result.to_dict()["possible"][0]["certain"] is False
