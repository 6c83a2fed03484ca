import pytest

import re

from service.errors import EmptyInput, InputTooLarge, InvalidEncoding, NoStoryText, UnsupportedOption
from service.pipeline.ingest import READABLE_CHAR, has_readable_text, ingest, looks_like_html, normalize

HTML = """<!doctype html><html><head><title>जयशंकर ने लावरोव से की मुलाकात</title></head>
<body><nav><a href="/">Home</a> / <a href="/news">News</a></nav>
<article><h1>जयशंकर ने लावरोव से की मुलाकात</h1>
<p>विदेश मंत्री एस जयशंकर ने बुधवार को रूस के अपने समकक्ष सर्गेई लावरोव से मुलाकात की। दोनों नेताओं ने द्विपक्षीय संबंधों पर चर्चा की।</p>
<script>var ads = "<p>tracking</p>";</script>
<p>इसके अलावा अन्य देशों के रक्षामंत्रियों से भी वह मिले।</p></article>
<footer>Copyright 2026 Example News</footer></body></html>"""


def test_plain_text_passes_through_normalized():
    doc = ingest("भारत\r\nरूस\u200b\x07".encode())
    assert doc.text == "भारत\nरूस"
    assert doc.source_format == "text"


def test_html_goes_through_the_extractor():
    doc = ingest(HTML)
    assert doc.source_format == "html"
    assert doc.html_title == "जयशंकर ने लावरोव से की मुलाकात"
    assert "दोनों नेताओं ने द्विपक्षीय संबंधों पर चर्चा की।" in doc.text
    assert "tracking" not in doc.text and "<p>" not in doc.text
    assert "Copyright" not in doc.text


def test_html_sniffing_does_not_fire_on_text_with_a_less_than_sign():
    assert looks_like_html(HTML)
    assert not looks_like_html("मूल्य < 5 रुपये है।")


@pytest.mark.parametrize("payload", [b"", b"   \n\t ", "\u200b\ufeff"])
def test_empty_input_is_a_typed_error(payload):
    with pytest.raises(EmptyInput):
        ingest(payload)


def test_invalid_utf8_is_a_typed_error_naming_the_byte():
    with pytest.raises(InvalidEncoding, match="0xff"):
        ingest(b"\xe0\xa4\xad\xff")


def test_html_without_text_is_a_422_content_problem():
    with pytest.raises(NoStoryText) as refused:
        ingest("<html><body><script>x()</script></body></html>")
    assert refused.value.status == 422 and isinstance(refused.value, EmptyInput)


@pytest.mark.parametrize("text", ["", " ", "\t\n\r", "\x07", "\u200b\ufeff\u2060", "\x0b\x0c\x1c\x1f", "\x85\xa0\u3000",
                                  "\x7f", "\x99", "a", " भारत ", "\u200c", "\U0001f600", "\x00x"])
def test_readable_pattern_is_exactly_what_ingest_reads_as_text(text):
    """The API document's pattern (READABLE_CHAR) and ingest's emptiness test agree on every kind of character."""
    survives = bool(normalize(text).strip())
    assert has_readable_text(text) is survives
    assert (re.search(READABLE_CHAR, text) is not None) is survives


def test_limits_and_formats():
    with pytest.raises(InputTooLarge):
        ingest("क" * 11, max_chars=10)
    with pytest.raises(UnsupportedOption):
        ingest("भारत", fmt="pdf")


def _page(body_text: str, size: int) -> str:
    from service.pipeline.outlets_eval import page_markup

    return page_markup(body_text, size)


STORY = "विदेश मंत्री एस जयशंकर ने बुधवार को रूस के अपने समकक्ष सर्गेई लावरोव से मुलाकात की।\nदोनों नेताओं ने द्विपक्षीय संबंधों पर चर्चा की।"


def test_a_real_size_page_is_judged_by_its_story_text_not_its_markup():
    """Issue 18: 132 kB and 1 MB pages were refused by the 100,000-character article limit."""
    page = _page(STORY, 1_100_000)
    assert len(page.encode()) > 1_000_000
    document = ingest(page, "auto", max_chars=100_000, max_html_bytes=5_000_000)
    assert "दोनों नेताओं ने द्विपक्षीय संबंधों पर चर्चा की।" in document.text


def test_markup_over_the_byte_limit_is_a_413_naming_the_setting():
    page = _page(STORY, 300_000)
    with pytest.raises(InputTooLarge, match="BRIEFS_MAX_HTML_BYTES"):
        ingest(page.encode(), "html", max_chars=100_000, max_html_bytes=200_000)
    # bytes, not characters: Devanagari takes three bytes a character
    with pytest.raises(InputTooLarge):
        ingest("<p>" + "क" * 70_000 + "</p>", "html", max_html_bytes=200_000)


def test_story_text_extracted_from_a_page_still_obeys_the_text_limit():
    page = "<html><body><article>" + "".join(f"<p>{STORY} {i}</p>" for i in range(80)) + "</article></body></html>"
    with pytest.raises(InputTooLarge, match="extracted from the page"):
        ingest(page, "html", max_chars=2_000, max_html_bytes=5_000_000)
    assert ingest(page, "html", max_chars=100_000, max_html_bytes=5_000_000).source_format == "html"
