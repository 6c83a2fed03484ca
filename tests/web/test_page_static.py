"""The page's files without a browser: colour contrast, labels and languages, nothing from outside,
headers, and the async threshold setting."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from service import web
from service.app import create_app
from service.config import Settings

WEB = Path(web.__file__).parent
CSS = (WEB / "static" / "brief.css").read_text(encoding="utf-8")
TEMPLATE = (WEB / "templates" / "web" / "index.html").read_text(encoding="utf-8")
SCRIPTS = {p.name: p.read_text(encoding="utf-8") for p in (WEB / "static").glob("*.js")}


def css_vars(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert root, "brief.css has no :root block"
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", root.group(1)))


def rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip().lower()
    named = {"#fff": "#ffffff", "white": "#ffffff", "#000": "#000000", "black": "#000000"}
    colour = named.get(colour, colour)
    assert re.fullmatch(r"#[0-9a-f]{6}", colour), f"not a #rrggbb colour: {colour!r}"
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey
    assert contrast("#777777", "#ffffff") < 4.5


# (text, background) pairs as the stylesheet uses them: body, help, form panel, buttons, warnings,
# errors, the highlight behind a source sentence and a linked bullet.
TEXT_PAIRS = [
    ("ink", "paper"), ("muted", "paper"), ("ink", "panel"), ("muted", "panel"), ("accent", "paper"),
    ("#ffffff", "accent"), ("warn-ink", "warn-bg"), ("error-ink", "error-bg"), ("ink", "mark"),
    ("muted", "mark"), ("warn-ink", "paper"),
    ("accent", "mark"), ("error-ink", "panel"),  # the "Editor's correction" badge on a linked bullet; a failed save
]
# Non-text parts (borders of inputs, the focus ring, the highlight outline) need 3:1 (WCAG 1.4.11).
UI_PAIRS = [("#767b82", "paper"), ("focus", "paper"), ("focus", "panel"), ("#b38f00", "paper")]


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS)
def test_text_colours_have_aa_contrast(fg, bg):
    colours = css_vars(CSS)
    fg_hex, bg_hex = (colours.get(c, c) for c in (fg, bg))
    assert contrast(fg_hex, bg_hex) >= 4.5, f"{fg} ({fg_hex}) on {bg} ({bg_hex}): {contrast(fg_hex, bg_hex):.2f}:1"


@pytest.mark.parametrize(("fg", "bg"), UI_PAIRS)
def test_control_colours_have_3_to_1_contrast(fg, bg):
    colours = css_vars(CSS)
    fg_hex, bg_hex = (colours.get(c, c) for c in (fg, bg))
    assert contrast(fg_hex, bg_hex) >= 3.0, f"{fg} on {bg}: {contrast(fg_hex, bg_hex):.2f}:1"


def test_every_colour_in_the_stylesheet_is_checked():
    """A colour added to the stylesheet later must join a contrast pair above."""
    checked = {c for pair in TEXT_PAIRS + UI_PAIRS for c in pair}
    colours = css_vars(CSS)
    names = {name for name, value in colours.items() if value.strip().startswith("#")}
    assert names - checked - {"line"} == set()  # --line: the decorative rule between the columns
    def full(c: str) -> str:
        return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c

    literals = {full(c.lower()) for c in re.findall(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b", CSS)}
    literals -= {v.strip().lower() for v in colours.values()}
    assert literals <= checked, literals - checked


class Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._button: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag in {"input", "select", "textarea"}:
            self.controls.append({"tag": tag, **attributes})
        if tag == "button":
            self._button = {"tag": tag, **attributes, "text": ""}
            self.controls.append(self._button)

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data.strip()

    def handle_endtag(self, tag):
        if tag == "button":
            self._button = None


@pytest.fixture(scope="module")
def parsed() -> Controls:
    parser = Controls()
    parser.feed(TEMPLATE)
    return parser


def test_every_form_control_has_a_label(parsed):
    assert len(parsed.controls) >= 8
    for control in parsed.controls:
        if control["tag"] == "button":
            assert control["text"] or control.get("aria-label"), control
        else:
            assert control.get("id") in parsed.labels, f"no <label for> for {control}"


def test_languages_are_marked(parsed):
    tags = dict((attrs.get("id") or tag, attrs) for tag, attrs in parsed.tags)
    assert tags["html"]["lang"] == "en"
    for hindi in ("article", "title-source", "sentences"):
        assert tags[hindi]["lang"] == "hi", hindi
    assert re.search(r'\[lang="hi"\]\s*\{[^}]*font-family:\s*var\(--deva\)', CSS)
    stack = css_vars(CSS)["deva"]
    for font in ("Noto Sans Devanagari", "Nirmala UI", "Kohinoor Devanagari", "Lohit Devanagari"):
        assert font in stack, font  # Android/Linux, Windows, macOS/iOS, older Linux
    assert stack.rstrip().endswith("sans-serif")


def test_live_regions_for_status_and_errors(parsed):
    tags = {attrs.get("id"): attrs for _, attrs in parsed.tags if attrs.get("id")}
    assert tags["status"]["role"] == "status" and tags["status"]["aria-live"] == "polite"
    assert tags["error"]["role"] == "alert"
    assert tags["progress"].get("aria-label")


def test_nothing_is_loaded_from_outside():
    texts = {"index.html": TEMPLATE, "brief.css": CSS, **SCRIPTS}
    for name, text in texts.items():
        assert not re.search(r"(https?:)?//[\w.-]+\.\w+/", text.replace("\\/", "/")), name
        assert "@import" not in text and "@font-face" not in text, name
    assert sorted(SCRIPTS) == ["app.js", "edit.js", "render.js"]
    for name, text in SCRIPTS.items():
        imports = re.findall(r"""from\s+["']([^"']+)["']""", text)
        assert all(i.startswith("./") for i in imports), (name, imports)
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, name  # text goes in as text


@pytest.fixture
def client(tiny_models, tmp_path):
    settings = Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False)
    return create_app(settings).test_client()


def test_page_headers_and_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "script-src 'self'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    html = page.get_data(as_text=True)
    assert 'data-async-chars="8000"' in html and 'data-api="/v1/briefs"' in html
    # BRIEFS_MAX_BULLETS bounds the field; empty means automatic, up to BRIEFS_BULLETS
    assert 'max="20"' in html and 'placeholder="auto"' in html and "(up to 5)" in html
    for name, mimetype in (("app.js", "text/javascript"), ("render.js", "text/javascript"), ("edit.js", "text/javascript"),
                           ("brief.css", "text/css")):
        asset = client.get(f"/web/static/{name}")
        assert asset.status_code == 200 and asset.mimetype == mimetype, name  # modules need a JS MIME type


def test_async_threshold_from_the_environment(tiny_models, tmp_path):
    env = {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_WARMUP": "0", "BRIEFS_WEB_ASYNC_CHARS": "1234"}
    app = create_app(Settings.from_env(env, data_dir=tmp_path))
    page = app.test_client().get("/").get_data(as_text=True)
    assert 'data-async-chars="1234"' in page and "Articles over 1,234 characters run in the background." in page
    assert Settings().web_async_chars == 8000
    with pytest.raises(ValueError, match="BRIEFS_WEB_ASYNC_CHARS='many' is not a valid int"):
        Settings.from_env({"BRIEFS_WEB_ASYNC_CHARS": "many"})
    for bad in ("0", "-5"):
        with pytest.raises(ValueError, match="BRIEFS_WEB_ASYNC_CHARS must be 1 or more"):
            create_app(Settings.from_env({**env, "BRIEFS_WEB_ASYNC_CHARS": bad}, data_dir=tmp_path))