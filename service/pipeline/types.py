"""The data the pipeline passes between stages and returns."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["extractive", "abstractive", "translate"]
MODES: tuple[str, ...] = ("extractive", "abstractive", "translate")


@dataclass
class Document:
    """An ingested article: plain text with paragraphs separated by blank lines."""

    text: str
    source_format: Literal["text", "html"] = "text"
    html_title: str | None = None


@dataclass
class Sentence:
    """A story sentence after cleaning; ``index`` is its position among all story sentences."""

    index: int
    text: str
    paragraph: int


@dataclass
class CleanArticle:
    headline: str | None
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    truncated: bool = False  # the source was cut short ("... [1364 chars]" from a news API)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Bullet:
    text: str
    source_indexes: list[int]
    source_text: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class Brief:
    title: str | None
    title_source: str | None
    bullets: list[Bullet]
    language: str
    model: str
    mode: str
    timings_ms: dict[str, float]
    sentences: list[Sentence] = field(default_factory=list)
    translations: list[Bullet] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentences"] = [asdict(s) for s in self.sentences]
        if self.mode != "translate":
            data.pop("translations")
        return data
