"""Request and response models: validation in the views, and the OpenAPI components.

Response models allow extra fields, so a field the pipeline adds later does not break clients or
the schema check; request models forbid them, so a misspelt option is a 422, not silently ignored.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

Mode = Literal["extractive", "abstractive", "translate"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class BriefIn(_In):
    """One article as `text` or `html` (or a text/plain or text/html body, options in the query)."""

    text: str | None = Field(None, description="plain article text")
    html: str | None = Field(None, description="article HTML (a web page); the story text is extracted")
    url: str | None = Field(
        None, max_length=2048,
        description="an article page to fetch and brief, only where BRIEFS_FETCH_ALLOW lists its host (else 422)",
    )
    mode: Mode | None = Field(None, description="default: BRIEFS_MODE")
    bullets: int | None = Field(None, ge=1, description="number of bullets (default: BRIEFS_BULLETS)")
    model: str | None = Field(None, description="one of the configured models (default: BRIEFS_MODEL)")


class TranslateIn(_In):
    text: str | None = None
    html: str | None = None
    model: str | None = None


class BatchArticleIn(_In):
    id: str | int | None = Field(None, description="your id, echoed back with the result")
    text: str | None = None
    html: str | None = None


class BatchIn(_In):
    articles: list[BatchArticleIn] = Field(..., min_length=1, description="at most BRIEFS_MAX_BATCH_ARTICLES")
    mode: Mode | None = None
    bullets: int | None = Field(None, ge=1)
    model: str | None = None


class LibreTranslateIn(BaseModel):
    """LibreTranslate's `/translate` body; unknown fields (`api_key`, `alternatives`) are ignored."""

    model_config = ConfigDict(extra="ignore")
    q: str | list[str]
    source: str = "auto"
    target: str = "en"
    format: Literal["text", "html"] = "text"


class Problem(_Out):
    """RFC 9457 problem details; `code` names the problem, `request_id` matches the log line."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    request_id: str | None = None


class BulletOut(_Out):
    text: str
    source_indexes: list[int]
    source_text: str
    warnings: list[str] = []
    corrected: bool = Field(False, description="the text is an editor's correction of this sentence (POST /v1/corrections)")
    correction_id: int | None = None
    model_text: str | None = Field(None, description="the model's own text, when a correction or the glossary changed it")


class SentenceOut(_Out):
    index: int
    text: str
    paragraph: int


class BriefOut(_Out):
    id: str = Field(..., description="cache key; GET /v1/briefs/{id} returns this brief again")
    cached: bool
    title: str | None
    title_source: str | None
    bullets: list[BulletOut]
    language: str
    model: str
    mode: Mode
    timings_ms: dict[str, float]
    sentences: list[SentenceOut] = []
    translations: list[BulletOut] = []
    warnings: list[str] = []
    checks: dict[str, Any] = {}
    url: str | None = Field(None, description="the page briefed, for a request by `url` (its canonical URL)")


class TranslationOut(BriefOut):
    translation: str = Field(..., description="the whole translation, paragraphs separated by a blank line")


class BatchItemOut(_Out):
    id: str | int | None
    status: int
    brief: BriefOut | None = None
    error: Problem | None = None


class BatchOut(_Out):
    articles: list[BatchItemOut]
    succeeded: int
    failed: int


class JobAccepted(_Out):
    job_id: str
    status: Literal["queued"]
    location: str


class JobOut(_Out):
    id: str
    kind: str
    status: Literal["queued", "running", "finished", "failed"]
    runner: str
    created_at: float
    updated_at: float
    result: dict[str, Any] | None = None
    error: Problem | None = None


class LibreTranslateOut(_Out):
    translatedText: str | list[str]


class LanguageOut(_Out):
    code: str
    name: str
    targets: list[str]


class LanguagesOut(RootModel[list[LanguageOut]]):
    pass


class Health(_Out):
    status: Literal["ok"]


class Readiness(_Out):
    ready: bool
    reason: str
    model: str


# -- editorial: corrections and glossary (service/api/editorial.py) -------------------------------


class CorrectionIn(_In):
    """An editor's translation of one Hindi sentence, used verbatim wherever that sentence appears."""

    source: str = Field(..., max_length=2000, description="ONE Hindi sentence, as a bullet's `source_text` shows it")
    translation: str = Field(..., max_length=4000, description="the English to use for it")
    replaces: str | None = Field(None, max_length=4000, description="the English being corrected (kept in the history)")


class CorrectionOut(_Out):
    id: int
    source: str
    translation: str
    replaced: str | None = Field(None, description="what it replaced: the English the editor saw, or the correction it superseded")
    status: Literal["active", "reverted", "superseded"]
    created_at: str
    created_by: str | None = Field(None, description="API key id of the editor (null when keys are off)")
    ended_at: str | None = None
    ended_by: str | None = None
    superseded_by: int | None = None


class CorrectionsQuery(_In):
    # 200: a longer query, percent-encoded, would not fit in the request line gunicorn accepts (4094 bytes).
    q: str | None = Field(None, max_length=200, description="text in the Hindi sentence, the translation or what it replaced")
    status: Literal["active", "reverted", "superseded", "all"] = "active"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000_000)


class CorrectionPage(_Out):
    items: list[CorrectionOut]
    total: int
    limit: int
    offset: int
    next: str | None = Field(None, description="URL of the next page, if any")


class GlossaryTermIO(_In):
    hindi: str = Field(..., max_length=200, description="Hindi word or phrase")
    english: str = Field(..., max_length=200, description="the house English rendering")
    note: str | None = Field(None, max_length=200)


class GlossaryIn(_In):
    terms: list[GlossaryTermIO] = Field(..., max_length=10_000)


class GlossaryOut(_Out):
    terms: list[GlossaryTermIO]
    version: int
    updated_at: str | None = None
    updated_by: str | None = None
