"""Editors' work laid over a brief when it is served: corrections verbatim, glossary spellings.

Briefs in the cache hold the model's output only; this runs on every brief as it leaves the
service (API, translate, LibreTranslate, Slack, jobs, the nightly digest, the web page), so a
correction or a glossary change applies to briefs made before it, on every worker and host, and
reverting a correction brings the model's output back.

* A bullet or translation made from ONE sentence that has an active correction takes the
  correction's text verbatim, ``"corrected": true`` and its ``correction_id`` (abstractive bullets
  summarise several sentences: no sentence's correction can replace them). The title too.
* Any other output whose source holds glossary terms gets their house spellings (``terms``).
* An output whose text changed keeps the model's in ``model_text`` (``title_model`` for the title),
  so applying the overlay again to a served brief (a finished job read later) starts from the
  model's output: a correction reverted since then is undone there too.
* Every output changed, or whose source holds a glossary term, is checked again by the quality
  guard (numbers, dates, names with the glossary's terms, degenerate text): its warnings and the
  brief's ``checks``/summary describe the text served, not the text generated.

Each worker keeps a copy of the active corrections and the glossary (``EditorialCopy``) and reads
them again only when their version tokens moved (one indexed query per brief served, instead of a
read of the corrections per brief): the ``corrections_version`` token is replaced in the very
transaction that changes the active corrections, on any worker or host, so the next brief served
after that commit sees the change.
"""
from __future__ import annotations

import copy
import functools
import logging
import threading
from typing import Any

from prometheus_client import Counter
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from service.config import Settings
from service.editorial import Editorial, EditorialUnavailable
from service.editorial import corrections as corrections_store
from service.editorial import glossary as glossary_store
from service.editorial.corrections import Correction
from service.editorial.normalize import sentence_hash
from service.editorial.schema import corrections as corrections_table
from service.editorial.schema import editorial_state
from service.quality.degenerate import detect_degenerate
from service.quality.faithfulness import check_faithfulness
from service.quality.guard import failure_summary
from service.quality.names import article_names
from service.quality.terms import TermIndex, apply_spellings

log = logging.getLogger(__name__)
Value = dict[str, Any]
APPLIED = Counter("briefs_corrections_applied_total", "Outputs served with an editor's correction (bullets, translations, titles)")
OVERLAY_ERRORS = Counter("briefs_editorial_overlay_errors_total", "Briefs served without corrections: the editorial database failed")
UNAVAILABLE_NOTE = "Editors' corrections and the glossary could not be applied: the editorial database is unavailable."


RELOADS = Counter("briefs_editorial_copy_reloads_total", "Times a worker read the active corrections and the glossary again (another worker or host changed them)")
_VERSIONS = select(editorial_state.c.name, editorial_state.c.value).where(
    editorial_state.c.name.in_([corrections_store.VERSION, glossary_store.VERSION]))
_ACTIVE = select(corrections_table).where(corrections_table.c.status == "active")
_hash = functools.lru_cache(maxsize=16384)(sentence_hash)  # the same briefs are served again and again


class EditorialCopy:
    """This worker's copy of the active corrections (by sentence hash) and the glossary, read again
    when a version token moved: tokens first, then the rows, so a change committed in between only
    causes one more read, never a stale copy."""

    def __init__(self, editorial: Editorial):
        self.editorial = editorial
        self._lock = threading.Lock()
        self._versions: tuple | None = None
        self._corrections: dict[str, Correction] = {}
        self._index = TermIndex([])

    def current(self) -> tuple[dict[str, Correction], TermIndex]:
        """(active corrections by sentence hash, glossary index); raises the database's errors."""
        self.editorial.ensure_ready()
        with self.editorial.engine.connect() as connection:
            versions = tuple(sorted(connection.execute(_VERSIONS).all()))
        if versions != self._versions:
            with self._lock:
                if versions != self._versions:
                    self._reload(versions)
        return self._corrections, self._index

    def _reload(self, versions: tuple) -> None:
        with self.editorial.engine.connect() as connection:
            rows = connection.execute(_ACTIVE).all()
        corrections = {row.sentence_hash: Correction.from_row(row) for row in rows}
        _, index = self.editorial.glossary.current()
        self._corrections, self._index, self._versions = corrections, index, versions
        RELOADS.inc()

    def corrections_for(self, sentences: list[str]) -> tuple[dict[str, Correction], TermIndex]:
        """``({sentence: its active correction}, glossary index)`` for ``sentences``."""
        active, index = self.current()
        if not active:
            return {}, index
        found = {sentence: active[digest] for sentence in sentences if (digest := _hash(sentence)) in active}
        return found, index


class Overlay:
    def __init__(self, editorial: Editorial, settings: Settings):
        self.editorial = editorial
        self.settings = settings
        self.copy = EditorialCopy(editorial)

    def apply(self, brief: Value) -> Value:
        """A copy of ``brief`` (``Brief.to_dict()`` shape) with corrections and glossary applied."""
        if brief.get("language") == "en":
            return brief
        key = "translations" if brief.get("mode") == "translate" else "bullets"
        out = {**brief, key: [{**b, "corrected": False} for b in brief.get(key) or []]}
        if UNAVAILABLE_NOTE in (out.get("warnings") or []):  # from an earlier serving of this brief
            out["warnings"] = [w for w in out["warnings"] if w != UNAVAILABLE_NOTE]
        for item in out[key]:
            item.pop("correction_id", None)
        single = brief.get("mode") != "abstractive"
        sources = [b.get("source_text", "") for b in out[key] if single and len(b.get("source_indexes") or []) == 1]
        if brief.get("title") and brief.get("title_source"):
            sources.append(brief["title_source"])
        try:
            corrections, index = self.copy.corrections_for(sources)
        except (SQLAlchemyError, EditorialUnavailable) as exc:
            log.error("overlay: editorial database failed (%s); serving the brief without corrections", type(exc).__name__)
            OVERLAY_ERRORS.inc()
            return {**out, "warnings": [*(out.get("warnings") or []), UNAVAILABLE_NOTE]}
        overlaid_before = "title_model" in out or any("model_text" in b for b in out[key])
        if not corrections and not index and not overlaid_before:
            return out
        return _Pass(out, key, single, corrections, index, self.settings.guards).run()


class _Pass:
    """One brief through the overlay (kept apart so ``apply`` reads as the rules above)."""

    def __init__(self, brief: Value, key: str, single: bool, corrections: dict[str, Correction], index: TermIndex, guards: bool):
        self.brief, self.key, self.single = brief, key, single
        self.corrections, self.index, self.guards = corrections, index, guards
        self.quality = (brief.get("checks") or {}).get("quality")
        self._names: set[str] | None = None

    def run(self) -> Value:
        complete = self.brief.get("mode") != "abstractive"
        outputs = self._quality_outputs()
        before = self._summary()
        for position, item in enumerate(self.brief[self.key]):
            source = item.get("source_text", "")
            one_sentence = self.single and len(item.get("source_indexes") or []) == 1
            restored = "model_text" in item
            if restored:
                item["text"] = item.pop("model_text")
            text = self._text(item["text"], source, one_sentence)
            if text is None and not restored:
                continue
            if text is not None and text != item["text"]:
                item["model_text"], item["text"] = item["text"], text
            text = item["text"]
            if one_sentence and source in self.corrections:
                item["corrected"] = True
                item["correction_id"] = self.corrections[source].id
                APPLIED.inc()
            if self.guards:
                item["warnings"], check = self._check(source, text, complete)
                if position < len(outputs):
                    outputs[position].update(check)
        self._title(complete)
        self._resummarize(before)
        return self.brief

    def _text(self, text: str, source: str, one_sentence: bool) -> str | None:
        """The text to serve for an output, or None when nothing applies to it."""
        if one_sentence and source in self.corrections:
            return self.corrections[source].translation
        if self.index and self.index.found_in(source):
            return apply_spellings(text, self.index.found_in(source))
        return None

    def _title(self, complete: bool) -> None:
        self.brief.pop("title_corrected", None)
        restored = "title_model" in self.brief
        if restored:
            self.brief["title"] = self.brief.pop("title_model")
        source, title = self.brief.get("title_source"), self.brief.get("title")
        if not source or not title:
            return
        text = self._text(title, source, True)
        if text is None and not restored:
            return
        if text is not None and text != title:
            self.brief["title_model"], self.brief["title"] = title, text
        text = self.brief["title"]
        if source in self.corrections:
            self.brief["title_corrected"] = True
            APPLIED.inc()
        if not self.guards:
            return
        warnings, check = self._check(source, text, complete)
        old = [w for w in self.brief.get("warnings") or [] if not w.startswith("title: ")]
        self.brief["warnings"] = ([f"title: {'; '.join(warnings)}"] if warnings else []) + old
        if self.quality and self.quality.get("title"):
            self.quality["title"] = {**self.quality["title"], **check}

    def _check(self, source: str, text: str, complete: bool) -> tuple[list[str], Value]:
        if self._names is None:
            sentences = [s["text"] for s in self.brief.get("sentences") or []]
            self._names = article_names(sentences + ([self.brief["title_source"]] if self.brief.get("title_source") else []))
        degenerate = detect_degenerate(source, text, complete=complete)
        faithfulness = check_faithfulness(source, text, complete=complete, known_names=self._names, glossary=self.index)
        check = {"passed": not degenerate and faithfulness.passed, "degenerate": degenerate,
                 "faithfulness": faithfulness.to_dict(), "rechecked": True}
        return [*degenerate, *faithfulness.warnings()], check

    def _quality_outputs(self) -> list[Value]:
        """The guard's check of each served output, in order (dropped bullets have none)."""
        if not self.quality:
            return []
        self.quality = copy.deepcopy(self.quality)
        self.brief["checks"] = {**self.brief["checks"], "quality": self.quality}
        dropped = set(self.quality.get("dropped") or [])
        return [o for o in self.quality.get("outputs") or [] if o.get("index") not in dropped]

    def _summary(self) -> str | None:
        if not self.quality:
            return None
        outputs = self.quality.get("outputs") or []
        failed = sum(1 for o in outputs if not o.get("passed"))
        return failure_summary(failed, len(outputs), self.brief.get("mode", ""), len(self.quality.get("dropped") or [])) if failed else None

    def _resummarize(self, before: str | None) -> None:
        if not self.guards or not self.quality:
            return
        after = self._summary()
        warnings = [w for w in self.brief.get("warnings") or [] if w != before]
        self.brief["warnings"] = warnings + ([after] if after else [])
        title = self.quality.get("title")
        outputs = self.quality.get("outputs") or []
        self.quality["failed"] = sum(1 for o in outputs if not o.get("passed")) + (1 if title and not title.get("passed") else 0)
