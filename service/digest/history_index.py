"""An SQLite index of earlier digests, so a night reads only the earlier stories it might continue.

Every digest folder keeps its ``index.json`` (the record later nights read; see ``history``). This
index, ``history.sqlite3`` beside the digest folders, holds what those files say in tables with
B-tree indexes:

- ``nights``: each digest folder, its date, and the size and modification time of its
  ``index.json`` when it was read;
- ``stories`` and ``articles``: each earlier story's id, headline and articles (the text grouping reads);
- ``seen``: every URL and text hash a digest had (briefed or not), by date: "briefed once";
- ``terms``: the most telling words of each story (``story_terms``), by date: a "continues"
  lookup reads the postings of tonight's story's words within the date window, then only the
  stories that share enough of them.

``sync`` brings the index up to date with the folders: a folder it has not seen is read and added
(so history kept only as ``index.json`` files is migrated on first use), a folder dated inside the
window whose ``index.json`` changed (a rerun) is read again, a folder that is gone is removed. It
lists the root folder once and opens no file it has already read, so a lookup costs the same with
ten earlier nights as with a thousand. Where the root is not writable the index lives in memory
for the run (every ``index.json`` read, as before).
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from service.digest.specificity import background_specificity
from service.pipeline.select import tokenize

INDEX_FILE = "index.json"
DB_FILE = "history.sqlite3"
TERMS_PER_STORY = 40
TERM_MIN_BACKGROUND = 0.5  # general-Hindi specificity a word needs to be a story's term (``specificity``)
SCHEMA_VERSION = 1

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS nights (folder TEXT PRIMARY KEY, date TEXT NOT NULL, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS nights_by_date ON nights (date);
CREATE TABLE IF NOT EXISTS stories (
    number INTEGER PRIMARY KEY, folder TEXT NOT NULL, date TEXT NOT NULL, id TEXT NOT NULL, headline TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stories_by_folder ON stories (folder);
CREATE TABLE IF NOT EXISTS articles (
    story INTEGER NOT NULL, position INTEGER NOT NULL, url TEXT, text_hash TEXT NOT NULL, published TEXT, text TEXT NOT NULL,
    PRIMARY KEY (story, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (folder TEXT NOT NULL, date TEXT NOT NULL, url TEXT, text_hash TEXT);
CREATE INDEX IF NOT EXISTS seen_by_url ON seen (url, date);
CREATE INDEX IF NOT EXISTS seen_by_hash ON seen (text_hash, date);
CREATE INDEX IF NOT EXISTS seen_by_folder ON seen (folder);
CREATE TABLE IF NOT EXISTS terms (term TEXT NOT NULL, date TEXT NOT NULL, story INTEGER NOT NULL, PRIMARY KEY (term, date, story)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_by_story ON terms (story);
"""


@dataclass(frozen=True)
class EarlierArticle:
    url: str | None
    text_hash: str
    published: date | None
    text: str


@dataclass(frozen=True)
class EarlierStory:
    date: str
    folder: Path
    id: str
    headline: str
    articles: list[EarlierArticle]


def story_terms(texts: Iterable[str]) -> list[str]:
    """The ``TERMS_PER_STORY`` most telling words of a story's articles: words general Hindi rarely
    uses, those used by more of its articles first."""
    used = Counter(word for text in texts for word in set(tokenize(text)))
    telling = [w for w in used if len(w) > 2 and not w.isdigit() and background_specificity(w) >= TERM_MIN_BACKGROUND]
    telling.sort(key=lambda w: (-used[w], -background_specificity(w), w))
    return telling[:TERMS_PER_STORY]


def _connect(path: Path | None) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:" if path is None else str(path), timeout=30.0, isolation_level=None)
    if path is not None:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA foreign_keys=OFF")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, SCHEMA_VERSION):
        raise sqlite3.DatabaseError(f"{path}: history index schema {version}, expected {SCHEMA_VERSION}")
    connection.executescript(SCHEMA)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return connection


class HistoryIndex:
    """The index of the digest folders under one root (see the module docstring)."""

    def __init__(self, root: Path, connection: sqlite3.Connection):
        self.root = root
        self.connection = connection

    @classmethod
    def open(cls, root: Path) -> "HistoryIndex":
        """``root/history.sqlite3``, created if missing; in memory if the root cannot hold it."""
        try:
            return cls(root, _connect(root / DB_FILE))
        except (OSError, sqlite3.Error) as exc:
            log.warning("history: no index file in %s (%s); indexing in memory for this run", root, exc)
            return cls(root, _connect(None))

    def close(self) -> None:
        self.connection.close()

    def sync(self, first: str, tonight: str) -> None:
        """Add folders not indexed yet, re-read changed ones dated in [first, tonight), drop vanished ones."""
        try:
            folders = {entry.name: entry for entry in os.scandir(self.root) if entry.is_dir()}
        except OSError:
            folders = {}
        known = dict(self.connection.execute("SELECT folder, date FROM nights").fetchall())
        for name in sorted(set(known) - set(folders)):
            self._forget(name)
        for name, entry in sorted(folders.items()):
            if name in known and not first <= known[name] < tonight:
                continue  # outside the window: a change there does not matter tonight
            path = Path(entry.path) / INDEX_FILE
            try:
                stat = path.stat()
            except OSError:
                if name in known:
                    self._forget(name)
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            if name in known and self._stamp(name) == stamp:
                continue
            self._read(name, path, stamp)

    def _stamp(self, folder: str) -> tuple[int, int] | None:
        row = self.connection.execute("SELECT mtime_ns, size FROM nights WHERE folder = ?", (folder,)).fetchone()
        return (row[0], row[1]) if row else None

    def _forget(self, folder: str, in_transaction: bool = False) -> None:
        statements = [
            ("DELETE FROM terms WHERE story IN (SELECT number FROM stories WHERE folder = ?)", (folder,)),
            ("DELETE FROM articles WHERE story IN (SELECT number FROM stories WHERE folder = ?)", (folder,)),
            ("DELETE FROM stories WHERE folder = ?", (folder,)),
            ("DELETE FROM seen WHERE folder = ?", (folder,)),
            ("DELETE FROM nights WHERE folder = ?", (folder,)),
        ]
        if not in_transaction:
            self.connection.execute("BEGIN IMMEDIATE")
        for sql, args in statements:
            self.connection.execute(sql, args)
        if not in_transaction:
            self.connection.execute("COMMIT")

    def _read(self, folder: str, path: Path, stamp: tuple[int, int]) -> None:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            day = str(document["date"])
            stories = [_parse_story(entry) for entry in document["stories"]]
            seen = [(a.get("url"), a.get("text_hash")) for a in document.get("seen", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("history: skipping %s: %s", path, exc)
            return
        db = self.connection
        db.execute("BEGIN IMMEDIATE")
        try:
            self._forget(folder, in_transaction=True)
            db.execute("INSERT INTO nights VALUES (?, ?, ?, ?)", (folder, day, *stamp))
            for story_id, headline, articles in stories:
                number = db.execute("INSERT INTO stories (folder, date, id, headline) VALUES (?, ?, ?, ?)",
                                    (folder, day, story_id, headline)).lastrowid
                db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                               [(number, i, *article) for i, article in enumerate(articles)])
                db.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?, ?)",
                               [(term, day, number) for term in story_terms(a[3] for a in articles)])
                seen += [(a[0], a[1]) for a in articles]
            db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?)", [(folder, day, url, h) for url, h in seen if url or h])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def seen(self, url: str | None, text_hash: str | None, first: str, tonight: str) -> str | None:
        """The earliest date in [first, tonight) of a digest that had this URL or text."""
        found = []
        for column, value in (("url", url), ("text_hash", text_hash)):
            if value:
                row = self.connection.execute(
                    f"SELECT MIN(date) FROM seen WHERE {column} = ? AND date >= ? AND date < ?", (value, first, tonight)
                ).fetchone()
                if row and row[0]:
                    found.append(row[0])
        return min(found) if found else None

    def candidates(self, terms: Sequence[str], first: str, tonight: str, min_shared: int, limit: int) -> list[EarlierStory]:
        """Stories dated in [first, tonight) sharing at least ``min_shared`` of ``terms``, most shared first."""
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        rows = self.connection.execute(
            f"SELECT story, COUNT(*) AS shared FROM terms WHERE term IN ({marks}) AND date >= ? AND date < ? "
            f"GROUP BY story HAVING shared >= ? ORDER BY shared DESC, MAX(date) DESC, story LIMIT ?",
            (*terms, first, tonight, min_shared, limit),
        ).fetchall()
        return self.stories([number for number, _ in rows])

    def stories(self, numbers: Sequence[int]) -> list[EarlierStory]:
        if not numbers:
            return []
        marks = ",".join("?" * len(numbers))
        heads = self.connection.execute(
            f"SELECT number, folder, date, id, headline FROM stories WHERE number IN ({marks})", tuple(numbers)).fetchall()
        articles: dict[int, list[EarlierArticle]] = {}
        for story, url, digest, published, text in self.connection.execute(
            f"SELECT story, url, text_hash, published, text FROM articles WHERE story IN ({marks}) ORDER BY story, position",
            tuple(numbers),
        ):
            articles.setdefault(story, []).append(
                EarlierArticle(url, digest, date.fromisoformat(published) if published else None, text))
        found = {n: EarlierStory(day, self.root / folder, sid, headline, articles.get(n, []))
                 for n, folder, day, sid, headline in heads}
        return [found[n] for n in numbers if n in found]


Row = tuple[str | None, str, str | None, str]  # url, text hash, publication date (ISO), text


def _parse_story(entry: dict[str, Any]) -> tuple[str, str, list[Row]]:
    articles: list[Row] = []
    for a in entry["articles"]:
        published = date.fromisoformat(a["published"]).isoformat() if a.get("published") else None
        articles.append((a.get("url"), str(a["text_hash"]), published, str(a["text"])))
    return str(entry["id"]), str(entry["headline"]), articles
