"""What every brief-producing endpoint and job does: key, cache, gate, pipeline, store.

Cache hits never touch the gate or the model. ``cache.get_or_compute`` makes concurrent identical
requests (threads, and processes sharing the cache) generate once. A batch
looks every article up first and sends all the misses to ONE ``pipeline.brief_many`` call.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

from service.cache.keys import brief_key
from service.config import Settings
from service.errors import BriefError, EmptyInput
from service.http.gate import GenerationGate
from service.http.metrics import GENERATION_SECONDS, GENERATIONS
from service.http.problems import problem_for
from service.pipeline.brief import BriefPipeline, BriefRequest
from service.pipeline.ingest import has_readable_text

Value = dict[str, Any]


@dataclass(frozen=True)
class Article:
    """One article and its options, as every endpoint and job passes it around (JSON-able)."""

    data: str
    format: str = "text"
    mode: str | None = None
    bullets: int | str | None = None  # None or "auto": decided from the article, up to BRIEFS_BULLETS
    model: str | None = None

    @classmethod
    def from_fields(cls, text: str | None, html: str | None, **options: Any) -> "Article":
        """``html`` if it has any text, else ``text``: the rule the API document states (``article_fields``)."""
        if has_readable_text(html):
            return cls(html, "html", **options)  # type: ignore[arg-type]
        if has_readable_text(text):
            return cls(text, "text", **options)  # type: ignore[arg-type]
        raise EmptyInput("Give the article as a non-empty `text` or `html`.")


class BriefService:
    def __init__(
        self, settings: Settings, pipeline: BriefPipeline, cache: Any, gate: GenerationGate,
        overlay: Callable[[Value], Value] | None = None,
    ):
        """``overlay``: applied to every brief served, cached or fresh (editors' corrections, glossary)."""
        self.settings = settings
        self.pipeline = pipeline
        self.cache = cache
        self.gate = gate
        self.overlay = overlay or (lambda value: value)

    def key(self, article: Article) -> str:
        mode = article.mode or self.settings.mode
        model = article.model or self.settings.model
        automatic = article.bullets in (None, "auto")
        bullets = None if mode == "translate" else (f"auto:{self.settings.bullets}" if automatic else article.bullets)
        revision = self.settings.model_revision if model == self.settings.model else None
        options = {"mode": mode, "bullets": bullets, "format": article.format}
        return brief_key(article.data, model=model, revision=revision, options=options)

    def check(self, article: Article) -> None:
        """Refuse bad options (mode, bullets, model) before anything is queued or briefed."""
        self.pipeline.check_options(_request(article))

    def stored(self, key: str) -> Value | None:
        value = self.cache.get(key)
        return None if value is None else self.overlay(value)

    def brief(self, article: Article, *, background: bool = False) -> Value:
        """The brief of one article: ``{**brief, "id", "cached"}``. Raises BriefError.

        ``get_or_compute`` gives single flight; the gate (admission, deadline) wraps only the
        generation, which stores its own result. A 504 stops the generation (service/http/gate.py).
        """
        key = self.key(article)
        ttl = self.settings.cache_ttl_seconds

        def generate() -> Value:
            with self.gate.model_lock:
                value = self._generate("brief", lambda: self.pipeline.brief(_request(article)).to_dict())
            self.cache.set(key, value, ttl=ttl)
            return value

        run = self.gate.run_background if background else self.gate.run
        value, cached = self.cache.get_or_compute(key, lambda: run(generate), ttl=ttl)
        return {**self.overlay(value), "id": key, "cached": cached}

    def batch(self, articles: list[Article | BriefError], *, background: bool = False) -> list[Value | BriefError]:
        """Briefs in input order; cache misses generated together; errors stay in their place."""
        results: list[Value | BriefError] = list(articles)
        misses: dict[str, list[int]] = {}
        for index, article in enumerate(articles):
            if isinstance(article, BriefError):
                continue
            key = self.key(article)
            hit = self.cache.get(key)
            if hit is not None:
                results[index] = {**self.overlay(hit), "id": key, "cached": True}
            else:
                misses.setdefault(key, []).append(index)
        if misses:
            keys = list(misses)
            requests = [_request(articles[misses[k][0]]) for k in keys]  # type: ignore[arg-type]

            def compute() -> list[Any]:
                with self.gate.model_lock:
                    return self._generate("batch", lambda: self.pipeline.brief_many(requests))

            outputs = self.gate.run_background(compute) if background else self.gate.run(compute)
            for key, output in zip(keys, outputs):
                if not isinstance(output, BriefError):
                    output = output.to_dict()
                    self.cache.set(key, output, ttl=self.settings.cache_ttl_seconds)
                    output = {**self.overlay(output), "id": key, "cached": False}
                for index in misses[key]:
                    results[index] = output
        return results

    @staticmethod
    def _generate(kind: str, call: Callable[[], Any]) -> Any:
        GENERATIONS.labels(kind).inc()
        started = time.perf_counter()
        try:
            return call()
        finally:
            GENERATION_SECONDS.labels(kind).observe(time.perf_counter() - started)


def _request(article: Article) -> BriefRequest:
    return BriefRequest(
        data=article.data, format=article.format, mode=article.mode, bullets=article.bullets, model=article.model
    )


def translation_text(brief: Value) -> str:
    """The full translation with the source's paragraph breaks kept (blank line between paragraphs)."""
    paragraph_of = {s["index"]: s["paragraph"] for s in brief.get("sentences", [])}
    paragraphs: list[list[str]] = []
    last: int | None = None
    for segment in brief.get("translations", []):
        indexes = segment.get("source_indexes") or [-1]
        paragraph = paragraph_of.get(indexes[0], last)
        if not paragraphs or paragraph != last:
            paragraphs.append([])
        paragraphs[-1].append(segment["text"])
        last = paragraph
    return "\n\n".join(" ".join(p) for p in paragraphs)


def item_result(result: Value | BriefError, client_id: str | None) -> Value:
    """One batch item: the brief, or its problem document in place."""
    if isinstance(result, BriefError):
        return {"id": client_id, "status": result.status, "error": problem_for(result)}
    return {"id": client_id, "status": 200, "brief": result}


def current_result(kind: str, result: Value, overlay: Callable[[Value], Value]) -> Value:
    """A finished job's stored answer with today's corrections and glossary (the overlay keeps the
    model's text beside any text it replaced, so it can be re-applied)."""
    if kind == "brief":
        return overlay(result)
    if kind == "translate":
        brief = overlay(result)
        return {**brief, "translation": translation_text(brief)}
    if kind == "batch":
        items = [{**i, "brief": overlay(i["brief"])} if i.get("brief") else i for i in result.get("articles", [])]
        return {**result, "articles": items}
    return result
