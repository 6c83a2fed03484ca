"""The editors' page in headless Chromium against a real gunicorn with the tiny Marian model.

The tiny model's English is nonsense; what is tested is the page: the API calls it makes, what it
shows, how bullets and their Hindi sources are linked, errors, files, copying, the async path.
"""
from __future__ import annotations

import base64
import struct
import subprocess

import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from web_helpers import API_KEY, ASYNC_CHARS, Page, artifacts_dir

SHORT_HINDI = [
    "प्रधानमंत्री ने बुधवार को दिल्ली में किसानों के लिए एक नई सिंचाई योजना की घोषणा की।",
    "इस योजना पर अगले पांच वर्षों में बीस हज़ार करोड़ रुपये खर्च किए जाएंगे।",
    "कृषि मंत्री ने कहा कि इससे देश के दस राज्यों के लाखों किसानों को लाभ मिलेगा।",
]
# Installs a log of every URL the page fetches (window.requests).
FETCH_LOG = ("window.requests = []; const original = window.fetch;"
             "window.fetch = (url, options) => { window.requests.push(String(url)); return original(url, options); };")
FRENCH = (
    "Le gouvernement a annoncé mercredi une nouvelle réforme des retraites qui entrera en vigueur "
    "l'année prochaine, après des mois de négociations avec les syndicats et le patronat."
)


def api_brief(base_url: str, text: str, **options) -> dict:
    response = requests.post(base_url + "/v1/briefs", json={"text": text, **options}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def brief_of_first_article(page, articles):
    """articles[0] with 3 bullets: made once, then a cache hit for every test that wants a brief."""
    page.paste(articles[0])
    page.el("bullets").clear()
    page.el("bullets").send_keys("3")
    page.submit()
    return page.wait_brief()


def test_pasted_article_gives_bullets_linked_to_their_hindi_sources(page, articles, web_server):
    bullets = brief_of_first_article(page, articles)
    assert len(bullets) == 3
    expected = api_brief(web_server.url, articles[0], bullets=3)  # a cache hit: the very brief the page got
    assert [b.text.splitlines()[0] for b in bullets] == [b["text"] for b in expected["bullets"]]
    assert page.el("brief-title").text == expected["title"]
    # Every sentence of the article is shown, in Hindi, numbered like the API's indexes.
    shown = page.css("#sentences .sentence")
    assert [s.text for s in shown] == [s["text"] for s in expected["sentences"]]
    assert page.el("sentences").get_attribute("lang") == "hi"
    assert page.el("title-source").get_attribute("lang") == "hi"
    assert "Brief ready: 3 bullets." in page.el("status-text").text
    # Faithfulness warnings (the tiny model's output fails them all) are shown, overall and per bullet.
    assert expected["warnings"], "the tiny model's nonsense should have been flagged"
    assert page.el("brief-warnings").is_displayed()
    assert page.css("#brief-warning-list li")[0].text == expected["warnings"][0]
    flagged = [b for b in expected["bullets"] if b["warnings"]]
    assert len(page.css("#bullets-list > li.has-warnings")) == len(flagged) > 0

    # Hovering each bullet highlights exactly its source sentence(s), and marks the bullet.
    for li, data in zip(bullets, expected["bullets"]):
        ActionChains(page.driver).move_to_element(li).perform()
        page.wait(lambda d: page.highlighted() == sorted(data["source_indexes"]), 5,
                  f"hovering a bullet should highlight sentence(s) {data['source_indexes']}")
        assert "is-linked" in li.get_attribute("class")
        described = li.get_attribute("aria-describedby").split()
        assert described == [f"s-{i}" for i in data["source_indexes"]]
        assert page.el(described[0]).text in data["source_text"]
    # Hovering a cited Hindi sentence highlights the bullet made from it.
    first = expected["bullets"][0]["source_indexes"][0]
    ActionChains(page.driver).move_to_element(page.el(f"s-{first}")).perform()
    page.wait(lambda d: "is-linked" in bullets[0].get_attribute("class"), 5)
    assert page.highlighted() == [first]
    # Leaving the brief clears the highlight.
    ActionChains(page.driver).move_to_element(page.el("article")).perform()
    page.wait(lambda d: page.highlighted() == [], 5)


def test_keyboard_focus_and_click_highlight_the_source(page, articles, web_server):
    page.paste(articles[1])
    page.submit()
    bullets = page.wait_brief()
    expected = api_brief(web_server.url, articles[1], bullets=len(bullets))
    # The title takes focus when the brief arrives; Tab moves through the bullets in order.
    page.wait(lambda d: d.switch_to.active_element.get_attribute("id") == "brief-title", 5)
    active = page.driver.switch_to.active_element
    for data in expected["bullets"][:3]:
        for _ in range(3):  # a bullet with warnings has its own focusable <summary> after it
            active.send_keys(Keys.TAB)
            active = page.driver.switch_to.active_element
            if active.tag_name == "li":
                break
        assert "bullet" in active.get_attribute("class")
        assert active.get_attribute("data-sources") == " ".join(map(str, data["source_indexes"]))
        page.wait(lambda d: page.highlighted() == sorted(data["source_indexes"]), 5,
                  f"a focused bullet should highlight sentence(s) {data['source_indexes']}")
    # A click keeps the highlight after the mouse moves away (the bullet keeps focus).
    last = bullets[-1]
    last.click()
    ActionChains(page.driver).move_to_element(page.el("article")).perform()
    page.wait(lambda d: page.highlighted() == sorted(expected["bullets"][-1]["source_indexes"]), 5)


def test_empty_submit_shows_the_problem_detail_in_plain_words(page, web_server):
    page.submit()
    error = page.wait_error()
    problem = requests.post(web_server.url + "/v1/briefs", json={"text": "", "mode": "extractive", "bullets": 5},
                            timeout=10).json()
    assert problem["code"] == "empty_input"
    assert "Could not make the brief." in error.text
    assert "Paste a Hindi article" in error.text
    assert problem["detail"].replace("`", "") in error.text
    assert "`" not in error.text
    assert error.get_attribute("role") == "alert"
    assert page.el("result").get_attribute("hidden")
    assert page.el("status-text").text == ""


def test_non_hindi_text_shows_the_language_error(page, web_server):
    page.paste(FRENCH)
    page.submit()
    error = page.wait_error()
    problem = requests.post(web_server.url + "/v1/briefs", json={"text": FRENCH}, timeout=10).json()
    assert problem["code"] == "unsupported_language"
    assert "This does not look like a Hindi article." in error.text
    assert problem["detail"] in error.text
    # Fixing the text and submitting again clears the error.
    page.paste("\n".join(SHORT_HINDI))
    page.submit()
    page.wait_brief()
    assert page.el("error").get_attribute("hidden")


def test_opening_a_txt_or_html_file_fills_the_form(page, articles, tmp_path):
    txt = tmp_path / "article.txt"
    txt.write_text(articles[0], encoding="utf-8")
    page.el("bullets").clear()
    page.el("bullets").send_keys("3")
    page.el("file").send_keys(str(txt))
    page.wait(lambda d: page.el("article").get_property("value") == articles[0], 10, "the file was not loaded")
    assert page.el("format").get_property("value") == "text"
    assert "Loaded article.txt" in page.el("status-text").text
    assert f"{len(articles[0]):,} characters." == page.el("char-count").text
    page.submit()
    assert len(page.wait_brief()) == 3
    # An .html file switches the format to HTML, and the service extracts the story from the page.
    paragraphs = "".join(f"<p>{line}</p>" for line in SHORT_HINDI)
    html = tmp_path / "page.html"
    html.write_text(f"<!doctype html><html lang=hi><head><title>x</title></head><body><nav>मुखपृष्ठ</nav>"
                    f"<article>{paragraphs}</article></body></html>", encoding="utf-8")
    page.el("file").send_keys(str(html))
    page.wait(lambda d: page.el("format").get_property("value") == "html", 10, "an .html file should select HTML")
    assert "a web page" in page.el("status-text").text
    page.submit()
    assert page.wait_brief()
    assert "मुखपृष्ठ" not in page.el("sentences").text


def test_dropping_a_file_on_the_form_loads_it(page):
    text = "\n".join(SHORT_HINDI)
    page.js(
        "const transfer = new DataTransfer();"
        "transfer.items.add(new File([arguments[0]], 'dropped.txt', {type: 'text/plain'}));"
        "const form = document.getElementById('brief-form');"
        "form.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));"
        "window.dropping = form.classList.contains('is-dropping');"
        "form.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));",
        text,
    )
    assert page.js("return window.dropping") is True  # the form shows where to drop while dragging
    page.wait(lambda d: page.el("article").get_property("value") == text, 10, "the dropped file was not loaded")
    assert "Loaded dropped.txt." in page.el("status-text").text
    assert "is-dropping" not in page.el("brief-form").get_attribute("class")


def test_pasting_a_web_page_selects_html(page, articles):
    page.paste("<html><body><p>" + articles[0][:400] + "</p></body></html>")
    page.wait(lambda d: page.el("format").get_property("value") == "html", 5)


def test_copy_buttons_give_markdown_and_slack(page, articles, web_server, browser):
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": web_server.url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    page.paste(articles[1])  # the keyboard test's brief: a cache hit
    page.submit()
    page.wait_brief()
    expected = api_brief(web_server.url, articles[1], bullets=len(page.css("#bullets-list > li")))
    n = len(expected["bullets"])
    read_clipboard = "const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done('ERR ' + e));"

    page.el("copy-markdown").click()
    page.wait(lambda d: page.el("copy-status").text == "Copied for Markdown.", 5)
    markdown = page.driver.execute_async_script(read_clipboard)
    lines = markdown.splitlines()
    assert lines[0].startswith("## ") and lines[1] == ""
    assert [line[:2] for line in lines[2:]] == ["- "] * n
    assert [line.endswith("⚠️") for line in lines[2:]] == [bool(b["warnings"]) for b in expected["bullets"]]

    page.el("copy-slack").click()
    page.wait(lambda d: page.el("copy-status").text == "Copied for Slack.", 5)
    slack = page.driver.execute_async_script(read_clipboard)
    lines = slack.splitlines()
    assert lines[0].startswith("*") and lines[0].endswith("*")
    assert [line[:2] for line in lines[1:]] == ["• "] * n
    assert "<" not in slack and ">" not in slack  # Slack's control characters are escaped
    assert not page.el("copy-fallback-box").is_displayed()

    # A browser that blocks both clipboard routes: the text is shown, selected, to copy by hand.
    page.js("navigator.clipboard.writeText = () => Promise.reject(new Error('blocked'));"
            "document.execCommand = () => false;")
    page.el("copy-markdown").click()
    page.wait(lambda d: page.el("copy-fallback-box").is_displayed(), 5)
    assert page.el("copy-fallback").get_property("value") == markdown
    assert page.js("const a = document.getElementById('copy-fallback');"
                   "return a.selectionEnd - a.selectionStart;") == len(markdown)
    assert page.el("copy-status").text == ""


def test_copy_formats_escape_markup(page):
    """The formatters themselves, on a brief whose text is full of Markdown and Slack markup."""
    brief = {"title": "A *bold* [link](x) <b>", "bullets": [
        {"text": "5 < 6 & `code` _under_ #tag", "source_indexes": [0], "warnings": []},
        {"text": "plain", "source_indexes": [1], "warnings": ["number 9 is not in the source"]},
    ]}
    out = page.driver.execute_async_script(
        "const [brief, done] = arguments;"
        "import('/web/static/render.js').then((m) => done([m.asMarkdown(brief), m.asSlack(brief)]), (e) => done(String(e)));",
        brief,
    )
    markdown, slack = out
    assert markdown == "## A \\*bold\\* \\[link\\](x) \\<b\\>\n\n- 5 \\< 6 & \\`code\\` \\_under\\_ \\#tag\n- plain ⚠️\n"
    assert slack == "*A *bold* [link](x) &lt;b&gt;*\n• 5 &lt; 6 &amp; `code` _under_ #tag\n• plain ⚠️\n"


def test_long_article_runs_in_the_background_with_progress(page, articles, web_server):
    long_text = "\n\n".join(articles[2:4])
    assert len(long_text) > ASYNC_CHARS
    # Record what the status line says while the job runs (it may be quick with the tiny model).
    page.js(
        "window.seen = []; const status = document.getElementById('status');"
        "new MutationObserver(() => window.seen.push([document.getElementById('status-text').textContent,"
        " !document.getElementById('progress').hidden])).observe(status, {subtree: true, childList: true,"
        " characterData: true, attributes: true});"
        + FETCH_LOG
    )
    page.paste(long_text)
    page.submit()
    bullets = page.wait_brief(timeout=90)
    assert bullets
    seen = page.js("return window.seen;")
    assert any("background" in text and progress for text, progress in seen), seen
    requests_made = page.js("return window.requests;")
    assert requests_made[0].endswith("/v1/briefs?async=true")
    assert any("/v1/jobs/" in url for url in requests_made[1:]), requests_made
    assert not page.el("progress").is_displayed()
    # The same brief as the API's answer: the empty bullets field sends no count (automatic).
    assert page.el("bullets").get_property("value") == ""
    expected = api_brief(web_server.url, long_text)
    assert [li.text.splitlines()[0] for li in bullets] == [b["text"] for b in expected["bullets"]]


def test_a_service_with_api_keys_asks_the_editor_for_one(browser, keyed_server):
    page = Page(browser, keyed_server.url).open()
    assert not page.el("key-box").is_displayed()  # nothing about keys until the service asks
    page.paste("\n".join(SHORT_HINDI))
    page.submit()
    error = page.wait_error()
    assert "This service needs a valid API key" in error.text
    assert "X-API-Key" in error.text  # the service's own detail follows the plain words
    page.wait(lambda d: d.switch_to.active_element.get_attribute("id") == "api-key", 5)
    assert page.el("key-box").is_displayed()
    page.el("api-key").send_keys("not-the-key")
    page.submit()
    page.wait(lambda d: "The API key is not valid." in page.el("error").text, 10)
    page.el("api-key").clear()
    page.el("api-key").send_keys(API_KEY)
    page.js(FETCH_LOG)
    page.submit()
    assert page.wait_brief()
    # This server's deadline is 0.001 s: the synchronous call got a 504, and the page quietly sent the
    # same article again as a background job (with the key on every call, job polls included).
    sent = page.js("return window.requests;")
    assert sent[0].endswith("/v1/briefs") and sent[1].endswith("/v1/briefs?async=true"), sent
    assert any("/v1/jobs/" in url for url in sent[2:]), sent
    # The key is remembered for this tab: a reload needs no typing.
    page.open()
    assert page.el("key-box").is_displayed() and page.el("api-key").get_property("value") == API_KEY
    page.paste("\n".join(SHORT_HINDI))
    page.submit()
    assert page.wait_brief()
    page.js("sessionStorage.clear()")


def test_translate_mode_disables_bullets_and_shows_the_translation(page, articles):
    from selenium.webdriver.support.ui import Select

    Select(page.el("mode")).select_by_value("translate")
    assert not page.el("bullets").is_enabled()
    page.paste("\n".join(SHORT_HINDI))
    page.submit()
    items = page.wait_brief()
    assert len(items) == len(page.css("#sentences .sentence")) == len(SHORT_HINDI)  # one translated segment per sentence
    assert page.el("brief-title").text


def test_page_is_accessible_and_self_contained(page, articles, web_server):
    missing = page.js(
        "return [...document.querySelectorAll('input, select, textarea, button')]"
        ".filter((c) => c.type !== 'hidden' && !(c.labels && c.labels.length) && !c.textContent.trim()"
        " && !c.getAttribute('aria-label')).map((c) => c.id || c.outerHTML);"
    )
    assert missing == []
    assert page.js("return document.documentElement.lang") == "en"
    assert page.el("article").get_attribute("lang") == "hi"
    assert page.js("return document.title")
    # Devanagari gets its own font stack (with the Hindi line height), the rest the system UI font.
    family = page.js("return getComputedStyle(document.getElementById('article')).fontFamily")
    assert "Noto Sans Devanagari" in family and "Nirmala UI" in family and "Lohit Devanagari" in family
    # The skip link is the first stop for the keyboard, and it is visible when focused.
    page.driver.find_element("tag name", "body").send_keys(Keys.TAB)
    active = page.driver.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.is_displayed()
    # Every resource came from this server: no CDN, no web font service, nothing outside.
    brief_of_first_article(page, articles)
    urls = page.js("return performance.getEntriesByType('resource').map((e) => e.name).concat([location.href])")
    assert urls and all(url.startswith(web_server.url + "/") for url in urls), urls
    # Reflow: on a phone-sized window nothing needs sideways scrolling (WCAG 1.4.10).
    page.driver.set_window_size(360, 800)
    try:
        widths = page.wait(lambda d: (lambda w: w[0] <= w[1] and w)(
            page.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")), 5,
            "the page scrolls sideways on a narrow screen")
        assert widths[1] < 400
    finally:
        page.driver.set_window_size(1280, 1000)


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"not a PNG: {path}"
    return struct.unpack(">II", data[16:24])


def test_screenshots_are_saved_as_artifacts(page, articles):
    """What a first-time editor sees, then a brief with a bullet's source highlighted (whole page)."""
    fonts = subprocess.run(["fc-list", ":lang=hi", "family"], capture_output=True, text=True).stdout.strip()
    assert fonts, ("no Devanagari font is installed, so the screenshot would show empty boxes: "
                   "`apt-get install -y fonts-lohit-deva` (.ci/run does this)")
    folder = artifacts_dir()
    first = folder / "editors-page-start.png"
    assert page.driver.save_screenshot(str(first))
    assert png_size(first)[0] >= 1000 and first.stat().st_size > 20_000

    bullets = brief_of_first_article(page, articles)
    bullets[1].click()  # focus keeps the highlight while the whole page is captured
    page.wait(lambda d: page.highlighted(), 5)
    page.js("window.scrollTo(0, 0)")
    size = page.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = page.driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    full = folder / "editors-page.png"
    full.write_bytes(base64.b64decode(shot["data"]))
    width, height = png_size(full)
    assert width >= 1000 and height >= 1200, (width, height)
    assert full.stat().st_size > 100_000, f"a suspiciously small screenshot ({full.stat().st_size} bytes): {full}"
    assert page.highlighted(), "the highlight should still show in the screenshot"
