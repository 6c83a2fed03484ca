import pytest

from service.quality.ordinals import english_ordinals, hindi_ordinals


@pytest.mark.parametrize("hindi, values", [
    ("तीसरे मैच में", [3]), ("5वां विकेट", [5]), ("190 वें स्थान पर", [190]), ("बीसवीं शताब्दी", [20]),
    ("द्वितीय विश्व युद्ध", [2]), ("पहली बार", [1]), ("दसवीं कक्षा", [10]), ("छठवें दिन", [6]),
    ("इससे पहले दूसरे देशों ने", []),  # पहले "before", दूसरे "other": read only when asked
])
def test_hindi_ordinals(hindi, values):
    assert hindi_ordinals(hindi) == values


def test_ambiguous_hindi_ordinals_on_request():
    assert hindi_ordinals("दूसरी बार", ambiguous=True) == [2]


@pytest.mark.parametrize("english, values", [
    ("the third match", [3]), ("his 5th goal", [5]), ("the Twentieth century", [20]), ("twenty-first", [21]),
    ("on the 190th day", [190]), ("no ordinal here", []),
])
def test_english_ordinals(english, values):
    assert english_ordinals(english) == values


@pytest.mark.parametrize("hindi, values", [
    ("अंबाला पहले, रोहतक दूसरे और भिवानी तीसरे स्थान पर रहा।", [1, 2, 3]),  # a series grows from तीसरे
    ("दूसरे विश्व युद्ध से पहले 19वीं सदी", [2, 19]),  # से पहले: "before", not a first beside the second
    ("पहले ही दूसरे और तीसरे दौर हो चुके", [2, 3]),  # पहले ही: "already"
])
def test_ambiguous_ordinals_read_in_a_series(hindi, values):
    assert hindi_ordinals(hindi) == values
