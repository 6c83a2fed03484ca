"""Request and response models: validation in the views, and the OpenAPI components.

Response models allow extra fields, so a field the pipeline adds later does not break clients or
the schema check; request models forbid them, so a misspelt option is a 422, not silently ignored.

The document states every rule the service applies to a request's shape, so that a request the
document accepts is never refused as malformed (schemathesis checks both ways, tests/reliability):
article text must hold a readable character (``READABLE_CHAR``, the test ``ingest`` applies), a body
names its article in ``text`` or ``html``, and bounds that come from settings (most bullets, the
configured models, batch size) are marked ``x-from-settings`` and filled in when the document is
served (``service/api/limits.py``). What only reading the text can tell (its language, whether any
story is left after cleaning) is a 422 with its own code.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, StringConstraints, WithJsonSchema

from service.http.bodies import ASYNC_VALUES, SYNC_VALUES
from service.editorial.validate import OPTIONAL_PLAIN_TEXT, PLAIN_TEXT
from service.pipeline.ingest import READABLE_CHAR

Mode = Literal["extractive", "abstractive", "translate"]
SETTINGS_KEY = "x-from-settings"

# A string with text in it: plain ``str`` to the validator (``ingest`` refuses an empty one with its
# own message), the readable-character pattern in the document.
ArticleText = Annotated[str, WithJsonSchema({"type": "string", "pattern": READABLE_CHAR})]


def _integral_float_to_int(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# JSON Schema's integer: 3 and 3.0 are integers, true and "3" are not. JSON bodies are validated in
# strict mode (``bodies.validated``), which refuses true and "3" but also 3.0; this lets 3.0 through.
Integer = Annotated[int, BeforeValidator(_integral_float_to_int)]
Count = Annotated[int, Field(ge=1), BeforeValidator(_integral_float_to_int)]  # Field first: `minimum` in the document


def from_settings(**bounds: str) -> dict[str, Any]:
    """``json_schema_extra`` for a bound read from Settings when the document is served, e.g.
    ``from_settings(maximum="max_bullets")``."""
    return {SETTINGS_KEY: bounds}


def PlainText(limit: int, blank: bool = False) -> Any:  # noqa: N802 - used as a type
    """A string of at most ``limit`` characters without control characters (and, unless ``blank``,
    with a character other than whitespace). The document states it; the service's own validator
    (``service.editorial.validate``) applies it with a message naming the field."""
    pattern = OPTIONAL_PLAIN_TEXT if blank else PLAIN_TEXT
    return Annotated[str, StringConstraints(max_length=limit),
                     WithJsonSchema({"type": "string", "maxLength": limit, "pattern": pattern})]


def article_in(*fields: str) -> dict[str, Any]:
    """``json_schema_extra`` of a body whose article is the first of ``fields`` with text in it."""
    return {"anyOf": [{"required": [f], "properties": {f: {"type": "string", "pattern": READABLE_CHAR}}} for f in fields]}


EXAMPLE_TEXT = "भारत की राजधानी नई दिल्ली है। यह एक बड़ा शहर है।"
EXAMPLE_HTML = f"<html><body><article><p>{EXAMPLE_TEXT}</p></article></body></html>"
BULLETS_MAX = from_settings(maximum="max_bullets")
# A number of bullets, or "auto" (also what an absent `bullets` means): as many as the article's
# length calls for, at most BRIEFS_BULLETS (``service.pipeline.select.bullet_count``).
Bullets = Count | Literal["auto"]
BULLETS_HELP = ('"auto" (the default): one bullet per ~150 words of story, at most BRIEFS_BULLETS; '
                "or a number of bullets, at most BRIEFS_MAX_BULLETS")
MODELS = from_settings(enum="models")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class AsyncQuery(_In):
    run_async: Literal[ASYNC_VALUES + SYNC_VALUES] = Field(  # type: ignore[valid-type]
        "false", alias="async", description="true: answer 202 with a job to poll (as does `Prefer: respond-async`)"
    )


class BriefIn(_In):
    """One article as `text`, `html` or `url` (or a text/plain or text/html body, options in the query).

    With both text and html, `html` is used if it has any text; each must hold more than whitespace."""

    model_config = ConfigDict(json_schema_extra={
        **article_in("text", "html", "url"), "examples": [{"text": EXAMPLE_TEXT, "bullets": 2}, {"html": EXAMPLE_HTML}],
    })
    text: str | None = Field(None, description="plain article text")
    html: str | None = Field(None, description="article HTML (a web page); the story text is extracted")
    url: str | None = Field(
        None, max_length=2048, json_schema_extra=from_settings(**{"not": "url_refused"}),
        description="an article page to fetch and brief, only where BRIEFS_FETCH_ALLOW lists its host (else 422)",
    )
    mode: Mode | None = Field(None, description="default: BRIEFS_MODE")
    bullets: Bullets | None = Field(None, description=BULLETS_HELP, json_schema_extra=BULLETS_MAX)
    model: str | None = Field(None, description="one of the configured models (default: BRIEFS_MODEL)", json_schema_extra=MODELS)


class TranslateIn(_In):
    model_config = ConfigDict(json_schema_extra={**article_in("text", "html"), "examples": [{"text": EXAMPLE_TEXT}]})
    text: str | None = None
    html: str | None = None
    model: str | None = Field(None, json_schema_extra=MODELS)


class BatchArticleIn(_In):
    """One article of a batch; one without text gets its own problem in its place in the answer."""

    id: str | Integer | None = Field(None, description="your id, echoed back with the result")
    text: str | None = None
    html: str | None = None


class BatchIn(_In):
    model_config = ConfigDict(json_schema_extra={"examples": [{"articles": [{"id": 1, "text": EXAMPLE_TEXT}, {"id": 2, "html": EXAMPLE_HTML}]}]})
    articles: list[BatchArticleIn] = Field(..., min_length=1, description="at most BRIEFS_MAX_BATCH_ARTICLES",
                                           json_schema_extra=from_settings(maxItems="max_batch_articles"))
    mode: Mode | None = None
    bullets: Bullets | None = Field(None, description=BULLETS_HELP, json_schema_extra=BULLETS_MAX)
    model: str | None = Field(None, json_schema_extra=MODELS)


class LibreTranslateIn(BaseModel):
    """LibreTranslate's `/translate` body; unknown fields (`api_key`, `alternatives`) are ignored."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={
        "examples": [{"q": EXAMPLE_TEXT, "source": "hi", "target": "en"}, {"q": [EXAMPLE_TEXT, EXAMPLE_TEXT], "source": "auto"}],
    })
    q: ArticleText | Annotated[
        list[ArticleText], Field(min_length=1, json_schema_extra=from_settings(maxItems="max_batch_articles"))
    ] = Field(..., description="a text, or a list of at most BRIEFS_MAX_BATCH_ARTICLES texts")
    source: Literal["auto", "hi", "ur"] = Field("auto", description="this service translates Hindi (and Urdu) only")
    target: Literal["en"] = Field("en", description="into English only")
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

    source: PlainText(2000) = Field(..., description="ONE Hindi sentence, as a bullet's `source_text` shows it")
    translation: PlainText(4000) = Field(..., description="the English to use for it")
    replaces: PlainText(4000, blank=True) | None = Field(None, description="the English being corrected (kept in the history)")


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
    q: PlainText(200, blank=True) | None = Field(None, description="text in the Hindi sentence, the translation or what it replaced")
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
    hindi: PlainText(200) = Field(..., description="Hindi word or phrase")
    english: PlainText(200) = Field(..., description="the house English rendering")
    note: PlainText(200, blank=True) | None = None


class GlossaryIn(_In):
    terms: list[GlossaryTermIO] = Field(..., max_length=10_000)


class GlossaryOut(_Out):
    terms: list[GlossaryTermIO]
    version: int
    updated_at: str | None = None
    updated_by: str | None = None
