"""Editing a bullet in the page saves a correction (headless Chromium, real gunicorn): the next brief of
the article, from the cache, shows the editor's text marked as a correction."""
from __future__ import annotations

import uuid

import requests
from test_page_browser import SHORT_HINDI
from web_helpers import API_KEY, Page, artifacts_dir

CORRECTION = "Editors say: the story's second point, in their own words."


def test_an_edited_bullet_is_saved_as_a_correction_and_served_again(page, articles, web_server):
    api = web_server.url
    page.paste(articles[4])
    page.el("bullets").clear()
    page.el("bullets").send_keys("2")
    page.submit()
    bullets = page.wait_brief()
    expected = requests.post(api + "/v1/briefs", json={"text": articles[4], "bullets": 2}, timeout=60).json()
    target = expected["bullets"][1]
    assert len(bullets) == 2 and all(b.find_elements("css selector", ".edit-bullet") for b in bullets)

    bullets[1].find_element("css selector", ".edit-bullet").click()
    editor = page.wait(lambda d: bullets[1].find_elements("css selector", ".bullet-editor"), 5)[0]
    assert editor.find_element("css selector", ".edit-source").text == target["source_text"], "the Hindi sentence is shown"
    assert editor.find_element("css selector", ".edit-source").get_attribute("lang") == "hi"
    box = editor.find_element("css selector", "textarea")
    assert box.get_property("value") == target["text"]
    assert page.driver.switch_to.active_element == box
    box.clear()
    box.send_keys(CORRECTION)
    editor.find_element("css selector", ".edit-save").click()
    page.wait(lambda d: bullets[1].find_elements("css selector", ".corrected-badge"), 15, "the saved bullet is not marked")
    assert bullets[1].find_element("css selector", ".bullet-text").text == CORRECTION
    assert "Correction saved" in page.el("status-text").text
    page.driver.save_screenshot(str(artifacts_dir() / "correction-saved.png"))

    listed = requests.get(api + "/v1/corrections", params={"q": "own words"}, timeout=10).json()["items"]
    assert [(c["source"], c["translation"], c["replaced"]) for c in listed] == [(target["source_text"], CORRECTION, target["text"])]
    try:
        page.open()
        page.paste(articles[4])
        page.el("bullets").clear()
        page.el("bullets").send_keys("2")
        page.submit()
        again = page.wait_brief()
        assert again[1].find_element("css selector", ".bullet-text").text == CORRECTION
        assert again[1].find_elements("css selector", ".corrected-badge") and "is-corrected" in again[1].get_attribute("class")
        assert not again[0].find_elements("css selector", ".corrected-badge")
        assert "from the cache" in page.el("meta").text
    finally:
        requests.delete(f"{api}/v1/corrections/{listed[0]['id']}", timeout=10)


def test_a_key_that_is_not_an_editors_cannot_save(browser, keyed_server):
    page = Page(browser, keyed_server.url).open()
    try:
        page.js("document.getElementById('key-box').hidden = false;")
        page.el("api-key").send_keys(API_KEY)
        # Not the other tests' article: their briefs on this server must not come from the cache.
        page.paste("\n".join(SHORT_HINDI) + f"\nयह संपादन परीक्षण संख्या {uuid.uuid4().int % 10**9} है।")
        page.submit()
        [first, *_] = page.wait_brief()
        first.find_element("css selector", ".edit-bullet").click()
        editor = page.wait(lambda d: first.find_elements("css selector", ".bullet-editor"), 5)[0]
        editor.find_element("css selector", "textarea").send_keys(" (edited)")
        editor.find_element("css selector", ".edit-save").click()
        status = editor.find_element("css selector", ".edit-status")
        page.wait(lambda d: "Not saved" in status.text, 15)
        assert "editor's key" in status.text and status.get_attribute("role") == "alert"
        assert not first.find_elements("css selector", ".corrected-badge")
    finally:
        page.js("sessionStorage.clear();")  # the page remembers the key for the tab: leave the browser as found
