"""Shared by the page tests: where artifacts go, browser flags, and the page driven in the browser."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "hi-news"
ARTICLES = sorted(CORPUS.glob("*.txt"))
# Articles longer than this many characters go through ?async=true; every shared article is shorter.
ASYNC_CHARS = 4000
API_KEY = "editors-page-test-key"  # the key of the keyed server (conftest.keyed_server)


def artifacts_dir() -> Path:
    """``$TEST_ARTIFACTS_DIR/web`` when set (CI keeps it), else ``tests/web/artifacts`` (git-ignored)."""
    base = os.environ.get("TEST_ARTIFACTS_DIR")
    path = Path(base) / "web" if base else Path(__file__).parent / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Page:
    """The editors' page in the browser, with the few moves the tests make."""

    def __init__(self, driver, base_url: str):
        self.driver = driver
        self.base_url = base_url

    def open(self) -> "Page":
        self.driver.get(self.base_url + "/")
        # app.js is a module: ready once it has written the character count.
        self.wait(lambda d: d.find_element("id", "char-count").text.endswith("characters."), 10)
        return self

    def wait(self, condition, timeout: float = 60, message: str = ""):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition, message)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def el(self, element_id: str):
        return self.driver.find_element("id", element_id)

    def css(self, selector: str):
        return self.driver.find_elements("css selector", selector)

    def paste(self, text: str) -> None:
        """Put text in the article box as a paste does (value, then input and paste events)."""
        self.js(
            "const a = document.getElementById('article'); a.focus(); a.value = arguments[0];"
            "a.dispatchEvent(new Event('input', {bubbles: true}));"
            "a.dispatchEvent(new Event('paste', {bubbles: true}));",
            text,
        )

    def submit(self) -> None:
        self.el("submit").click()

    def wait_brief(self, timeout: float = 60) -> list:
        def ready(driver):
            if not self.el("error").get_attribute("hidden"):
                raise AssertionError(f"the page shows an error: {self.el('error').text}")
            if self.el("result").get_attribute("hidden") or not self.el("status-text").text.startswith("Brief ready"):
                return False
            return self.css("#bullets-list > li") or False

        return self.wait(ready, timeout, "no brief appeared")

    def wait_error(self, timeout: float = 30):
        self.wait(lambda d: not self.el("error").get_attribute("hidden") and self.el("error").text, timeout,
                  "no error appeared")
        return self.el("error")

    def highlighted(self) -> list[int]:
        return [int(s.get_attribute("data-index")) for s in self.css("#sentences .sentence.is-source")]
