"""Settings from ``BRIEFS_*`` environment variables, in one place, with documented defaults.

``Settings.from_env()`` reads the environment; CLI flags and ``create_app(settings=...)`` override
fields with ``dataclasses.replace``. ``python -m service config`` prints the table (README copies it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-hi-en"


def _meta(env: str, doc: str) -> dict[str, Any]:
    return {"env": env, "doc": doc}


@dataclass(frozen=True)
class Settings:
    model: str = field(default=DEFAULT_MODEL, metadata=_meta("BRIEFS_MODEL", "HF model id or local directory of the default model"))
    model_revision: str | None = field(default=None, metadata=_meta("BRIEFS_MODEL_REVISION", "git revision (branch, tag, commit) of the model on the hub"))
    extra_models: tuple[str, ...] = field(default=(), metadata=_meta("BRIEFS_EXTRA_MODELS", "comma-separated further models a request may pick with `model`"))
    backend: str = field(default="auto", metadata=_meta("BRIEFS_BACKEND", "auto (CPU: an int8 CTranslate2 copy of the model, converted once and kept beside it, for Marian, NLLB/M2M100 and mT5; else transformers), transformers or ctranslate2 (BRIEFS_MODEL is then a converted directory); `python -m service config` says which engine runs and why"))
    device: str = field(default="auto", metadata=_meta("BRIEFS_DEVICE", "auto, cpu, cuda or cuda:N"))
    dtype: str = field(default="auto", metadata=_meta("BRIEFS_DTYPE", "auto (float32 on CPU, float16 on GPU), float32, float16, bfloat16"))
    trust_remote_code: bool = field(default=False, metadata=_meta("BRIEFS_TRUST_REMOTE_CODE", "allow a model's own code (IndicTrans2 needs it)"))
    torch_threads: int = field(default=0, metadata=_meta("BRIEFS_TORCH_THREADS", "torch intra-op threads per process; 0 = cores / workers"))
    data_dir: Path = field(default=Path("data"), metadata=_meta("BRIEFS_DATA_DIR", "where the embedded cache and job data live"))
    mode: str = field(default="extractive", metadata=_meta("BRIEFS_MODE", "default mode: extractive, abstractive or translate"))
    bullets: int = field(default=5, metadata=_meta("BRIEFS_BULLETS", "most bullets of an automatic brief (a request without `bullets`, or `\"auto\"`: one bullet per ~150 story words, docs/quality.md)"))
    max_bullets: int = field(default=20, metadata=_meta("BRIEFS_MAX_BULLETS", "largest number of bullets a request may ask for"))
    num_beams: int = field(default=1, metadata=_meta("BRIEFS_NUM_BEAMS", "beam size (1 = greedy)"))
    max_new_tokens: int = field(default=256, metadata=_meta("BRIEFS_MAX_NEW_TOKENS", "hard ceiling on generated tokens per input"))
    # Input limits (docs/ingest.md): the page's markup and its story text are bounded separately
    max_article_chars: int = field(default=100_000, metadata=_meta("BRIEFS_MAX_ARTICLE_CHARS", "longest story text accepted, in characters: plain text as sent, or the text extracted from an HTML page (longer: 413)"))
    max_html_bytes: int = field(default=5_000_000, metadata=_meta("BRIEFS_MAX_HTML_BYTES", "largest HTML page accepted, in bytes of UTF-8 markup, before its story text is extracted (larger: 413)"))
    batch_size: int = field(default=32, metadata=_meta("BRIEFS_BATCH_SIZE", "largest number of inputs in one model call"))
    microbatch: bool = field(default=True, metadata=_meta("BRIEFS_MICROBATCH", "merge concurrent requests' model calls into one (per worker); see docs/performance.md"))
    batch_wait_ms: float = field(default=5.0, metadata=_meta("BRIEFS_BATCH_WAIT_MS", "how long the micro-batcher waits for more requests after the first, in ms"))
    batch_max_inputs: int = field(default=128, metadata=_meta("BRIEFS_BATCH_MAX_INPUTS", "most inputs the micro-batcher merges into one call (then split into BRIEFS_BATCH_SIZE batches)"))
    # Quality guards
    guards: bool = field(default=True, metadata=_meta("BRIEFS_GUARDS", "check every output for faithfulness (numbers, dates, names) and degenerate text"))
    guard_retry: bool = field(default=True, metadata=_meta("BRIEFS_GUARD_RETRY", "regenerate failing outputs once with beam search and no repeated trigrams"))
    faithfulness_policy: str = field(default="flag", metadata=_meta("BRIEFS_FAITHFULNESS_POLICY", "what to do with a bullet that still fails: flag (warnings) or drop (extractive mode only)"))
    # Cache
    redis_url: str | None = field(default=None, metadata=_meta("REDIS_URL", "Redis URL: shared cache, job queue and Slack dedupe (unset: SQLite + in-process jobs)"))
    cache_max_entries: int = field(default=50_000, metadata=_meta("BRIEFS_CACHE_MAX_ENTRIES", "SQLite cache size bound; least recently used entries are evicted"))
    cache_ttl_seconds: int = field(default=7 * 24 * 3600, metadata=_meta("BRIEFS_CACHE_TTL", "seconds a cached brief lives (Redis TTL; SQLite expiry)"))
    # HTTP service
    max_request_bytes: int = field(default=12_000_000, metadata=_meta("BRIEFS_MAX_REQUEST_BYTES", "largest request body in bytes (larger: 413); the default fits a JSON body carrying a BRIEFS_MAX_HTML_BYTES page whose escaping doubles it"))
    max_batch_articles: int = field(default=32, metadata=_meta("BRIEFS_MAX_BATCH_ARTICLES", "most articles in one batch request"))
    max_queue_depth: int = field(default=64, metadata=_meta("BRIEFS_MAX_QUEUE_DEPTH", "requests waiting for the model before new ones get 503 + Retry-After"))
    request_timeout_s: float = field(default=60.0, metadata=_meta("BRIEFS_REQUEST_TIMEOUT", "seconds a synchronous request may take before 504"))
    job_workers: int = field(default=1, metadata=_meta("BRIEFS_JOB_WORKERS", "in-process async job threads per HTTP worker (embedded runner)"))
    job_ttl_seconds: int = field(default=24 * 3600, metadata=_meta("BRIEFS_JOB_TTL", "seconds a finished job's result is kept"))
    job_lease_seconds: float = field(default=30.0, metadata=_meta("BRIEFS_JOB_LEASE", "seconds an unfinished async job may go without its worker's heartbeat before it reads failed (job_lost)"))
    web_async_chars: int = field(default=8000, metadata=_meta("BRIEFS_WEB_ASYNC_CHARS", "the editors' page sends articles longer than this (characters) as async jobs, with progress"))
    model_retry_max_s: float = field(default=15.0, metadata=_meta("BRIEFS_MODEL_RETRY_MAX_S", "a model that cannot be loaded or downloaded is tried again in the background after 1, 2, 4 ... seconds, at most this many; meanwhile model routes answer 503 at once"))
    warmup: bool = field(default=True, metadata=_meta("BRIEFS_WARMUP", "load the model and run one generation at start (readiness)"))
    bind: str = field(default="127.0.0.1:8000", metadata=_meta("BRIEFS_BIND", "gunicorn listen address (0.0.0.0:8000 in Docker)"))
    share_memory: bool = field(default=True, metadata=_meta("BRIEFS_SHARE_MEMORY", "gunicorn's master imports torch and the app and (CPU, transformers engine, model on disk) loads the default model before forking, so workers share them"))
    workers: int = field(default=2, metadata=_meta("BRIEFS_WORKERS", "gunicorn worker processes; each loads the model once"))
    threads: int = field(default=8, metadata=_meta("BRIEFS_THREADS", "request threads per worker (gthread) that may wait for the model, BRIEFS_SPARE_THREADS more serve everything else; with BRIEFS_MICROBATCH their generations merge into one model call"))
    # Serving under load and cost bounds (serve; docs/performance.md "Admission", docs/reliability.md "Cost bounds")
    spare_threads: int = field(default=4, metadata=_meta("BRIEFS_SPARE_THREADS", "request threads per worker on top of BRIEFS_THREADS that no generation may hold: cache hits, health checks and metrics always find one; a fresh request while BRIEFS_THREADS requests already wait for the model gets 503 + Retry-After at once"))
    generation_nice: int = field(default=10, metadata=_meta("BRIEFS_GENERATION_NICE", "CPU priority (nice, 0-19) of the model's threads in each worker, so cache hits and health checks run first on busy cores; 0 leaves it"))
    max_word_chars: int = field(default=500, metadata=_meta("BRIEFS_MAX_WORD_CHARS", "longest run of characters without a space an article may hold (a URL fits; a data blob does not): longer is refused with 422 word_too_long before any work"))
    max_sentence_chars: int = field(default=1000, metadata=_meta("BRIEFS_MAX_SENTENCE_CHARS", "longest model input, in characters (the longest of 3,504 human-translated news sentences has 408): a longer story sentence is cut at clause breaks into pieces this long, all briefed"))
    # Slack bot (docs/slack.md): POST /slack/events exists only when both secrets are set; secrets are never printed
    slack_signing_secret: str | None = field(default=None, repr=False, metadata=_meta("SLACK_SIGNING_SECRET", "Slack app signing secret; with SLACK_BOT_TOKEN enables POST /slack/events"))
    slack_bot_token: str | None = field(default=None, repr=False, metadata=_meta("SLACK_BOT_TOKEN", "Slack bot token (xoxb-...) the bot replies with"))
    slack_api_url: str = field(default="https://slack.com/api/", metadata=_meta("SLACK_API_URL", "Slack Web API base URL (tests, proxies)"))
    slack_command: str = field(default="/brief", metadata=_meta("SLACK_COMMAND", "slash command the bot answers"))
    # Access control (service.security): off unless API keys are configured
    api_keys: tuple[str, ...] = field(default=(), repr=False, metadata=_meta("BRIEFS_API_KEYS", "comma-separated API keys; set (or BRIEFS_API_KEYS_FILE) to require X-API-Key or Authorization: Bearer"))
    api_keys_file: Path | None = field(default=None, metadata=_meta("BRIEFS_API_KEYS_FILE", "file of API keys, one per line, each optionally followed by its own rate limit and `role=editor` (may write corrections and the glossary), e.g. `KEY 600/minute role=editor`"))
    rate_limit: str = field(default="120/minute", metadata=_meta("BRIEFS_RATE_LIMIT", "requests each API key may make (limits syntax, `;` between several); Redis-backed when REDIS_URL is set"))
    public_health: bool = field(default=True, metadata=_meta("BRIEFS_PUBLIC_HEALTH", "/healthz and /readyz answer without a key when keys are configured"))
    public_metrics: bool = field(default=False, metadata=_meta("BRIEFS_PUBLIC_METRICS", "/metrics answers without a key when keys are configured"))
    # Editorial data (service.editorial, docs/editorial.md): corrections, glossary, translation memory
    database_url: str | None = field(default=None, repr=False, metadata=_meta("BRIEFS_DATABASE_URL", "PostgreSQL URL for corrections, glossary and translation memory, shared by every host (unset: SQLite file editorial.sqlite3 in BRIEFS_DATA_DIR)"))
    memory: bool = field(default=True, metadata=_meta("BRIEFS_MEMORY", "sentence translation memory: look every sentence up before generating, store new translations"))
    glossary_file: Path | None = field(default=None, metadata=_meta("BRIEFS_GLOSSARY", "newsroom glossary file (.csv: hindi,english[,note]; .tbx), loaded into the database at start whenever the file changes"))
    # Fetching feeds and pages (docs/nightly.md "Feeds"): off unless BRIEFS_FETCH_ALLOW lists hosts
    fetch_allow: tuple[str, ...] = field(default=(), metadata=_meta("BRIEFS_FETCH_ALLOW", "comma-separated hosts (`host` or `host:port`) that `nightly --feed` and `POST /v1/briefs {\"url\"}` may fetch from; unset: nothing is ever fetched"))
    fetch_timeout_s: float = field(default=20.0, metadata=_meta("BRIEFS_FETCH_TIMEOUT", "seconds one response may take in all (connecting, waiting, reading)"))
    fetch_max_bytes: int = field(default=5_000_000, metadata=_meta("BRIEFS_FETCH_MAX_BYTES", "largest response read, in bytes after decompression; reading stops there and the fetch fails"))
    fetch_max_entries: int = field(default=100, metadata=_meta("BRIEFS_FETCH_MAX_ENTRIES", "entries read from one feed or sitemap (the newest)"))
    fetch_max_redirects: int = field(default=5, metadata=_meta("BRIEFS_FETCH_MAX_REDIRECTS", "redirects followed per fetch (each hop is checked like the first URL)"))
    fetch_host_delay_s: float = field(default=1.0, metadata=_meta("BRIEFS_FETCH_HOST_DELAY", "seconds between two requests to one host (a robots.txt Crawl-delay raises it, up to 30)"))
    fetch_hosts: int = field(default=4, metadata=_meta("BRIEFS_FETCH_HOSTS", "hosts fetched from at the same time (always one request at a time per host)"))
    fetch_contact: str | None = field(default=None, metadata=_meta("BRIEFS_FETCH_CONTACT", "URL or e-mail address put in the User-Agent (`hindi-briefs/1.0 (+CONTACT)`) so site owners can reach you"))
    # Reliability limits on fetching by URL (harden, issue 20; docs/reliability.md)
    fetch_host_queue: int = field(default=2, metadata=_meta("BRIEFS_FETCH_HOST_QUEUE", "`{\"url\"}` requests that may wait for one busy host per worker; more get 503 fetch_busy + Retry-After at once"))
    fetch_thread_share: float = field(default=0.5, metadata=_meta("BRIEFS_FETCH_THREAD_SHARE", "share of a worker's BRIEFS_THREADS that `{\"url\"}` fetches may occupy at once (at least 1); beyond it 503 fetch_busy + Retry-After"))
    timezone: str = field(default="UTC", metadata=_meta("BRIEFS_TIMEZONE", "time zone of the nightly digest's day (which feed entries are `--date`'s), e.g. Asia/Kolkata"))
    # Nightly on RQ (docs/nightly.md "Several hosts"): with REDIS_URL, `nightly` enqueues batches that `worker` processes brief
    nightly_queue: str = field(default="briefs-nightly", metadata=_meta("BRIEFS_NIGHTLY_QUEUE", "RQ queue of the nightly's batches (`nightly --queue`); every `python -m service worker` serves it after the async-jobs queue"))
    nightly_batch_articles: int = field(default=8, metadata=_meta("BRIEFS_NIGHTLY_BATCH", "articles per nightly batch: one model call (`brief_many`) in process, one RQ job with REDIS_URL (`nightly --batch-articles`)"))
    nightly_job_timeout_s: int = field(default=600, metadata=_meta("BRIEFS_NIGHTLY_JOB_TIMEOUT", "seconds one nightly batch job may run on a worker before RQ stops it and retries it; also how long `nightly` waits while no worker listens before it reports the rest not briefed (`nightly --job-timeout`)"))
    nightly_retries: int = field(default=2, metadata=_meta("BRIEFS_NIGHTLY_RETRIES", "times RQ runs a nightly batch again after its worker died (no heartbeat for BRIEFS_JOB_LEASE), it timed out or a model error; then its articles are reported failed"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is not None and raw != "":
                try:
                    values[f.name] = _parse(raw, f.default)
                except ValueError:
                    kind = type(f.default).__name__
                    raise ValueError(f"{f.metadata['env']}={raw!r} is not a valid {kind}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def documentation(cls) -> list[tuple[str, str, str]]:
        """(variable, default, meaning) rows for the README and ``python -m service config``."""
        return [(f.metadata["env"], _show(f.default), f.metadata["doc"]) for f in fields(cls)]


def _parse(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, tuple):
        return tuple(p.strip() for p in raw.split(",") if p.strip())
    return raw


def _show(value: Any) -> str:
    if value is None or value == ():
        return "(unset)"
    return str(value)
