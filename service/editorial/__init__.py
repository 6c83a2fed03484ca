"""Editorial data: the sentence translation memory, editors' corrections and the newsroom glossary.

``Editorial`` opens the database (``db.py``) lazily: the schema is migrated on first use, and a
database that cannot be reached fails only the operations that need it (503), retried on the next
call after ``retry_s``, never the start of the service or a brief (briefs are then served without
corrections, saying so, and the memory counts as missed). Plain Python, no Flask.

Creating the database happens once, at a process's start: by the gunicorn master before it forks
(its workers then never create one), or on the first use in any other process (a CLI command,
a test). A database deleted after that is never silently re-created: the operations that need it
answer 503 ``editorial_unavailable`` until it is restored or created again by
``python -m service db upgrade`` (``db.py``).
"""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from service.config import Settings
from service.editorial import db
from service.editorial.corrections import Corrections
from service.editorial.glossary import Glossary
from service.editorial.memory import TranslationMemory
from service.errors import BriefError

log = logging.getLogger(__name__)


class EditorialUnavailable(BriefError):
    code = "editorial_unavailable"
    status = 503
    title = "Editorial database unavailable"


class Editorial:
    def __init__(self, settings: Settings, retry_s: float = 5.0, create: bool | None = None):
        """``create``: this process may create the database on first use (default: unless a
        gunicorn master prepared it for its workers)."""
        self.settings = settings
        self.url = db.database_url(settings)
        self.engine: Engine = db.build_engine(self.url)
        self.retry_s = retry_s
        self.create = db.workers_may_create() if create is None else create
        self._lock = threading.Lock()
        self._ready = False
        self._failed_at: float | None = None
        self._memory = TranslationMemory(self.engine)
        self._corrections = Corrections(self.engine)
        self._glossary = Glossary(self.engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def ensure_ready(self) -> None:
        """Migrate the schema and load ``BRIEFS_GLOSSARY`` once; raise ``EditorialUnavailable`` if the
        database cannot be reached (again at most every ``retry_s``)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            if self._failed_at is not None and time.monotonic() - self._failed_at < self.retry_s:
                raise EditorialUnavailable("The editorial database is unavailable; try again shortly.")
            try:
                if self.create:
                    db.prepare(self.url)
                db.upgrade(self.engine, create=False)
                self._load_glossary_file()
            except (SQLAlchemyError, OSError) as exc:
                self._failed_at = time.monotonic()
                log.error("editorial database %s unavailable: %s", self.backend, exc)
                raise EditorialUnavailable(f"The editorial database is unavailable ({type(exc).__name__}); try again shortly.") from None
            self._ready = True
            self.create = False  # created at most once: a database deleted from now on is not made anew

    def _load_glossary_file(self) -> None:
        """A glossary file that cannot be read keeps the glossary the database has (logged loudly)."""
        if not self.settings.glossary_file:
            return
        path = Path(self.settings.glossary_file)
        try:
            self._glossary.load_file_if_changed(path)
        except BriefError as exc:
            log.error("BRIEFS_GLOSSARY %s not loaded: %s", path, exc.detail)
        except OSError as exc:
            log.error("BRIEFS_GLOSSARY %s cannot be read: %s", path, exc.strerror or exc)

    @property
    def memory(self) -> TranslationMemory:
        self.ensure_ready()
        return self._memory

    @property
    def corrections(self) -> Corrections:
        self.ensure_ready()
        return self._corrections

    @property
    def glossary(self) -> Glossary:
        self.ensure_ready()
        return self._glossary

    def close(self) -> None:
        self.engine.dispose()


def open_editorial(settings: Settings) -> Editorial:
    return Editorial(settings)


__all__ = ["Editorial", "EditorialUnavailable", "open_editorial"]
