"""API keys from the environment or a file, and matching a presented key in constant time.

A key is compared by its SHA-256 digest with ``hmac.compare_digest`` against EVERY configured key
(no early exit), so neither the key's length nor how many of its characters match shows in the
time taken. A key is known to the rest of the service only by its ``key_id``: the first 12 hex
digits of its digest, safe to log and to use as a rate-limit bucket name.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from service.config import Settings


@dataclass(frozen=True)
class ApiKey:
    key_id: str
    digest: bytes
    limit: str | None = None  # this key's own rate limit; None: BRIEFS_RATE_LIMIT
    editor: bool = False  # may write corrections and the glossary (``role=editor`` in the keys file)


def key_id(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:12]


class Keyring:
    def __init__(self, keys: list[ApiKey]):
        self.keys = keys
        self._limits = {k.key_id: k.limit for k in keys}

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def match(self, presented: str) -> ApiKey | None:
        digest = hashlib.sha256(presented.encode("utf-8", "surrogateescape")).digest()
        found = None
        for key in self.keys:
            if hmac.compare_digest(digest, key.digest):
                found = key
        return found

    def limit_for(self, kid: str) -> str | None:
        return self._limits.get(kid)


EDITOR_ROLE = "role=editor"


def _entry(secret: str, limit: str | None = None, editor: bool = False) -> ApiKey:
    return ApiKey(key_id(secret), hashlib.sha256(secret.encode("utf-8")).digest(), limit or None, editor)


def _parse_line(line: str) -> ApiKey:
    """``KEY [rate limit] [role=editor]``: the role word may stand anywhere after the key."""
    secret, _, rest = line.strip().partition(" ")
    words = rest.split()
    editor = EDITOR_ROLE in words
    limit = " ".join(w for w in words if w != EDITOR_ROLE)
    return _entry(secret, limit or None, editor)


def parse_file(text: str) -> list[ApiKey]:
    """One key per line, optionally followed by whitespace, its rate limit and ``role=editor``;
    ``#`` comments."""
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(_parse_line(line))
    return entries


def load(settings: Settings) -> Keyring:
    entries = [_parse_line(k) for k in settings.api_keys if k.strip()]
    if settings.api_keys_file:
        path = Path(settings.api_keys_file)
        try:
            entries += parse_file(path.read_text(encoding="utf-8"))
        except OSError as exc:
            # Failing closed: a configured key file that cannot be read must not open the service.
            raise SystemExit(f"error: BRIEFS_API_KEYS_FILE {path} cannot be read: {exc.strerror}") from None
        if not entries:
            raise SystemExit(f"error: BRIEFS_API_KEYS_FILE {path} holds no keys")
    unique = {e.key_id: e for e in entries}
    return Keyring(list(unique.values()))
