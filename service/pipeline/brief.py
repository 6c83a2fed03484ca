"""The brief pipeline: ingest -> language -> clean -> segment -> select -> generate -> assemble.

``BriefPipeline.brief_many`` prepares every article first, then generates all their inputs with one
``generate`` call per (model, task), so a batch of articles costs one batched model call, not a loop.
Plain Python: the HTTP API, the Slack bot and the nightly job are thin layers over this module.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from models import deadline
from models.base import DecodeOptions, Generator
from models.chunking import unbroken_run
from service.config import Settings
from service.errors import (
    BriefError,
    DeadlineExceeded,
    GenerationFailed,
    NoStoryText,
    UnsupportedMode,
    UnsupportedOption,
    WordTooLong,
)
from service.pipeline.clean import boilerplate_rule, clean_article
from service.pipeline.ingest import ingest
from service.pipeline.language import require_supported
from service.pipeline.segment import bound_length, split_sentences
from service.pipeline.select import AUTO, bullet_count, select_sentences
from service.pipeline.types import MODES, Brief, Bullet, Sentence
from service.prompts import task_prefix
from service.quality.guard import apply_guards, attach_report

if TYPE_CHECKING:
    from service.editorial.memory import TranslationMemory

log = logging.getLogger(__name__)

ModelProvider = Callable[[str], Generator]
# Abstractive mode summarizes groups of this many selected sentences into one bullet each.
SENTENCES_PER_ABSTRACT_BULLET = 3
SOURCE_TRUNCATED = "source truncated: the text ends where a feed or news API cut it (\"... [N chars]\"); the cut sentence was left out"


@dataclass(frozen=True)
class BriefRequest:
    data: bytes | str
    format: str = "auto"
    mode: str | None = None
    bullets: int | str | None = None  # None or "auto": ``bullet_count`` decides, up to BRIEFS_BULLETS
    model: str | None = None


@dataclass
class _Job:
    """One model input: ``task`` on ``text``; ``output`` is filled in by the batched generation."""

    task: str
    text: str
    output: str = ""
    sentence: str | None = None  # the one source sentence this job translates (translation memory key)
    generated: str | None = None  # what the model wrote (before any guard retry)
    remembered: bool = False  # output taken from the translation memory


@dataclass
class _Prepared:
    request: BriefRequest
    mode: str
    model_name: str | None
    language: str
    headline: str | None
    sentences: list[Sentence]
    groups: list[list[Sentence]]  # source sentences of each bullet (or translation)
    jobs: list[_Job] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    truncated: bool = False  # the source was cut short (a news API's "... [1364 chars]")


class _Stopwatch:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round((now - self.last) * 1000, 3)
        self.last = now


class BriefPipeline:
    def __init__(self, settings: Settings, models: ModelProvider, memory: Callable[[], "TranslationMemory"] | None = None):
        """``memory``: returns the sentence translation memory (None: every sentence is generated)."""
        self.settings = settings
        self.models = models
        self.memory = memory

    @property
    def allowed_models(self) -> tuple[str, ...]:
        return (self.settings.model, *self.settings.extra_models)

    @property
    def decode_options(self) -> DecodeOptions:
        return DecodeOptions(num_beams=self.settings.num_beams, max_new_tokens=self.settings.max_new_tokens)

    def brief(self, request: BriefRequest) -> Brief:
        result = self.brief_many([request])[0]
        if isinstance(result, BriefError):
            raise result
        return result

    def brief_many(self, requests: Sequence[BriefRequest]) -> list[Brief | BriefError]:
        """Brief several articles with one batched model call per (model, task)."""
        prepared: list[_Prepared | BriefError] = []
        for request in requests:
            deadline.check()  # between stages: a request that gave up stops here (models/deadline.py)
            try:
                prepared.append(self.prepare(request))
            except BriefError as exc:
                prepared.append(exc)
        ready = [p for p in prepared if isinstance(p, _Prepared)]
        failures = self._generate(ready)
        deadline.check()
        guarded = apply_guards([p for p in ready if id(p) not in failures], self._regenerate, self.settings)
        deadline.check()
        self._remember([p for p in ready if id(p) not in failures])
        results: list[Brief | BriefError] = []
        for item in prepared:
            if isinstance(item, BriefError):
                results.append(item)
            elif id(item) in failures:
                results.append(failures[id(item)])
            else:
                results.append(attach_report(self._assemble(item), guarded.get(id(item)), self.settings))
        return results

    # -- stages -------------------------------------------------------------------------------

    def _options(self, request: BriefRequest) -> tuple[str, int | None, str | None]:
        """Mode, bullets (None: automatic, decided from the article) and model of a request."""
        mode = request.mode or self.settings.mode
        if mode not in MODES:
            raise UnsupportedOption(f"Unknown mode '{mode}'; use one of: {', '.join(MODES)}.")
        bullets = None if request.bullets in (None, AUTO) else request.bullets
        if bullets is not None and (isinstance(bullets, bool) or not isinstance(bullets, int)
                                    or not 1 <= bullets <= self.settings.max_bullets):
            raise UnsupportedOption(
                f"bullets must be \"{AUTO}\" or between 1 and {self.settings.max_bullets}, not {bullets!r}."
            )
        model = request.model or self.settings.model
        if model not in self.allowed_models:
            raise UnsupportedOption(
                f"Unknown model '{model}'; this service offers: {', '.join(self.allowed_models)}."
            )
        return mode, bullets, model

    def check_options(self, request: BriefRequest) -> None:
        """Raise what the request's options (mode, bullets, model) would raise, without reading its text."""
        self._options(request)

    def prepare(self, request: BriefRequest) -> _Prepared:
        """Everything before generation: cheap, model-free, and where every bad input is caught."""
        mode, n_bullets, model_name = self._options(request)
        timings: dict[str, float] = {}
        watch = _Stopwatch(timings)
        document = ingest(request.data, request.format, self.settings.max_article_chars, self.settings.max_html_bytes)
        language = require_supported(document.text)
        watch.lap("ingest")
        _refuse_unbroken_runs(document.text, self.settings.max_word_chars)
        clean = clean_article(document.text, language)
        watch.lap("clean")
        sentences = split_sentences(clean.paragraphs) or _short_text_sentences(document.text, clean.headline, language)
        if not sentences:
            raise NoStoryText("No story text is left after removing site boilerplate (menus, bylines, links).")
        sentences = bound_length(sentences, self.settings.max_sentence_chars)
        headline = clean.headline if clean.headline and len(clean.headline) <= self.settings.max_sentence_chars else None
        watch.lap("segment")
        if n_bullets is None and mode != "translate":
            n_bullets = bullet_count(sentences, self.settings.bullets)
        if mode == "translate":
            groups = [[s] for s in sentences]
        elif mode == "abstractive":
            picked = select_sentences(sentences, n_bullets * SENTENCES_PER_ABSTRACT_BULLET, headline)
            groups = _contiguous_groups(picked, n_bullets)
        else:
            groups = [[s] for s in select_sentences(sentences, n_bullets, headline)]
        watch.lap("select")
        prepared = _Prepared(
            request, mode, None if language == "en" else model_name, language, headline, sentences, groups,
            timings_ms=timings, truncated=clean.truncated,
        )
        if prepared.model_name is not None:
            prepared.jobs = self._jobs(prepared)
        return prepared

    def _jobs(self, prepared: _Prepared) -> list[_Job]:
        generator = self.models(prepared.model_name)
        tasks = generator.info.tasks
        task = "summarize" if prepared.mode == "abstractive" else "translate"
        if task not in tasks:
            raise UnsupportedMode(_unsupported_task_message(prepared.model_name, generator.info.architecture, prepared.mode))
        title_task = "translate" if "translate" in tasks else "summarize"
        prefix = task_prefix(task, generator.info.architecture)
        jobs = []
        if prepared.headline and not is_english_title(prepared.headline):
            title_sentence = prepared.headline if title_task == "translate" else None
            jobs.append(_Job(title_task, task_prefix(title_task, generator.info.architecture) + prepared.headline, sentence=title_sentence))
        for group in prepared.groups:
            sentence = group[0].text if task == "translate" and len(group) == 1 else None
            jobs.append(_Job(task, prefix + " ".join(s.text for s in group), sentence=sentence))
        return jobs

    def _generate(self, ready: list[_Prepared]) -> dict[int, BriefError]:
        """Run every job of every article, one generate call per (model, task). Returns failures by id."""
        by_key: dict[tuple[str, str], list[tuple[_Prepared, _Job]]] = {}
        for item in ready:
            for job in item.jobs:
                by_key.setdefault((item.model_name or "", job.task), []).append((item, job))
        failures: dict[int, BriefError] = {}
        elapsed: dict[int, float] = {}
        for (model_name, task), pairs in by_key.items():
            started = time.perf_counter()
            todo = self._recall(model_name, [job for _, job in pairs])
            try:
                self._run(model_name, task, todo)
            except DeadlineExceeded:
                raise
            except Exception:
                log.exception("batched generation failed; retrying article by article")
                self._isolate_failures(model_name, task, pairs, failures)
            spent = (time.perf_counter() - started) * 1000
            for item in {id(p): p for p, _ in pairs}.values():
                elapsed[id(item)] = elapsed.get(id(item), 0.0) + spent
        for item in ready:
            item.timings_ms["generate"] = round(elapsed.get(id(item), 0.0), 3)
        return failures

    def _run(self, model_name: str, task: str, jobs: list[_Job]) -> None:
        """Generate every job's output; identical inputs (agency copy in several articles) once."""
        unique = list(dict.fromkeys(j.text for j in jobs if not j.remembered))
        if not unique:
            return
        outputs = self.models(model_name).generate(unique, task, self.decode_options)
        if len(outputs) != len(unique):
            raise GenerationFailed(f"model returned {len(outputs)} outputs for {len(unique)} inputs")
        by_text = {text: output.strip() for text, output in zip(unique, outputs)}
        for job in jobs:
            if not job.remembered:
                job.output = job.generated = by_text[job.text]

    # -- translation memory -------------------------------------------------------------------

    def _memory_key(self, model_name: str) -> str:
        from service.editorial.memory import model_key

        info = self.models(model_name).info
        return model_key(info.model_id, info.revision)

    def _recall(self, model_name: str, jobs: list[_Job]) -> list[_Job]:
        """Fill in the jobs whose sentence the memory has; a memory that fails counts as empty."""
        sentences = [j.sentence for j in jobs if j.sentence]
        if self.memory is None or not sentences:
            return jobs
        try:
            found = self.memory().lookup(self._memory_key(model_name), sentences)
        except Exception:
            log.exception("translation memory look-up failed; generating every sentence")
            return jobs
        for job in jobs:
            if job.sentence in found:
                job.output, job.remembered = found[job.sentence], True
        return jobs

    def _remember(self, items: list[_Prepared]) -> None:
        """Store the final (after the guard's retry) translation of every sentence generated here."""
        if self.memory is None:
            return
        from service.editorial.memory import MemoryEntry

        entries = [
            MemoryEntry(job.sentence, job.output, self._memory_key(item.model_name),
                        "model" if job.output == job.generated else "retry")
            for item in items if item.model_name for job in item.jobs
            if job.sentence and not job.remembered and job.output
        ]
        if not entries:
            return
        try:
            self.memory().store(entries)
        except Exception:
            log.exception("translation memory could not store %d sentences", len(entries))

    def _regenerate(self, model_name: str, task: str, texts: list[str], options: DecodeOptions) -> list[str]:
        return self.models(model_name).generate(texts, task, options)

    def _isolate_failures(
        self, model_name: str, task: str, pairs: list[tuple[_Prepared, _Job]], failures: dict[int, BriefError]
    ) -> None:
        """After a failed batch, regenerate per article so one bad input fails only its own request."""
        per_item: dict[int, tuple[_Prepared, list[_Job]]] = {}
        for item, job in pairs:
            per_item.setdefault(id(item), (item, []))[1].append(job)
        for key, (item, jobs) in per_item.items():
            try:
                self._run(model_name, task, jobs)
            except DeadlineExceeded:
                raise
            except Exception as exc:
                log.exception("generation failed for one article")
                failures[key] = GenerationFailed(f"The model failed on this article: {type(exc).__name__}.")

    def _assemble(self, item: _Prepared) -> Brief:
        started = time.perf_counter()
        jobs = list(item.jobs)
        english_source = item.model_name is None
        if english_source:
            title = item.headline
            texts = [" ".join(s.text for s in group) for group in item.groups]
        else:
            translated = item.headline and not is_english_title(item.headline)
            title = jobs.pop(0).output if translated else item.headline
            texts = [job.output for job in jobs]
        bullets = [
            Bullet(text=text, source_indexes=[s.index for s in group], source_text=" ".join(s.text for s in group))
            for text, group in zip(texts, item.groups)
        ]
        item.timings_ms["assemble"] = round((time.perf_counter() - started) * 1000, 3)
        item.timings_ms["total"] = round(sum(item.timings_ms.values()), 3)
        return Brief(
            title=title,
            title_source=item.headline,
            bullets=[] if item.mode == "translate" else bullets,
            translations=bullets if item.mode == "translate" else [],
            language=item.language,
            model=item.model_name or "none (source is English)",
            mode=item.mode,
            timings_ms=item.timings_ms,
            sentences=item.sentences,
            warnings=[SOURCE_TRUNCATED] if item.truncated else [],
        )


_DEVANAGARI_LETTER = re.compile(r"[\u0900-\u097F]")


def is_english_title(headline: str) -> bool:
    """A Latin-script title of a Hindi item (a news API's English ``title``): it is already English,
    so it passes through as the brief's title instead of going through the hi→en model."""
    return not _DEVANAGARI_LETTER.search(headline) and bool(re.search(r"[A-Za-z]", headline))


def _refuse_unbroken_runs(text: str, limit: int) -> None:
    """422 ``word_too_long`` for a run of more than ``limit`` characters without a space: no word of
    any language is that long, and chunking, generating and checking it costs minutes (issue 20)."""
    run = unbroken_run(text, limit)
    if run is not None:
        start, length = run
        raise WordTooLong(
            f"The text holds {length} characters without a space (from character {start}); the longest "
            f"accepted is {limit} (BRIEFS_MAX_WORD_CHARS). Send the article's text, not encoded data."
        )


def _short_text_sentences(text: str, headline: str | None, language: str) -> list[Sentence]:
    """Sentences of a short text that cleaning left without a story paragraph.

    A user's one-liner ("/brief <one sentence>") looks like a headline or a crosshead to the cleaner;
    brief every line that is not boilerplate rather than answer that nothing is left.
    """
    lines = [line for line in text.splitlines() if line.strip() and boilerplate_rule(line, language) is None]
    return split_sentences(lines or ([headline] if headline else []))


def _contiguous_groups(sentences: list[Sentence], n_groups: int) -> list[list[Sentence]]:
    """Split sentences (article order) into at most ``n_groups`` contiguous, nearly equal groups."""
    if not sentences:
        return []
    n_groups = min(n_groups, len(sentences))
    size, extra = divmod(len(sentences), n_groups)
    groups, start = [], 0
    for g in range(n_groups):
        end = start + size + (1 if g < extra else 0)
        groups.append(sentences[start:end])
        start = end
    return groups


def _unsupported_task_message(model: str, architecture: str, mode: str) -> str:
    if mode == "abstractive":
        return (
            f"Model '{model}' ({architecture}) translates but cannot write abstractive summaries; "
            "use mode 'extractive' or 'translate', or configure a cross-lingual summarizer "
            "(an mT5 model such as csebuetnlp/mT5_m2m_crossSum) for mode 'abstractive'."
        )
    return (
        f"Model '{model}' ({architecture}) is a summarizer and cannot translate; use mode 'abstractive' "
        "or a translation model (Helsinki-NLP/opus-mt-hi-en, NLLB-200, IndicTrans2)."
    )
