"""Split a text that is too long for a model into pieces that fit, at the gentlest boundary.

Boundaries are tried in order: danda, full stop, semicolon, comma, whitespace; a run of
characters with none of them (a very long token) is cut by characters as the last resort.
Concatenating the pieces gives back the text (modulo whitespace at the cuts): nothing is dropped.
"""
from __future__ import annotations

import re
from typing import Callable

_LEVELS = [re.compile(p) for p in (r"(?<=।)", r"(?<=\.)", r"(?<=;)", r"(?<=,)", r"(?<=\s)(?=\S)")]


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Pieces of ``text`` with ``count(piece) <= limit`` each (stripped, non-empty)."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces = _split(text, count, limit, 0)
    return [p.strip() for p in pieces if p.strip()]


def _split(text: str, count: Callable[[str], int], limit: int, level: int) -> list[str]:
    if count(text) <= limit:
        return [text]
    if level >= len(_LEVELS):
        return _split_chars(text, count, limit)
    segments = [s for s in _LEVELS[level].split(text) if s]
    if len(segments) == 1:
        return _split(text, count, limit, level + 1)
    out: list[str] = []
    current = ""
    for seg in segments:
        candidate = current + seg
        if count(candidate) <= limit:
            current = candidate
            continue
        if current:
            out.append(current)
        if count(seg) <= limit:
            current = seg
        else:
            out.extend(_split(seg, count, limit, level + 1))
            current = ""
    if current:
        out.append(current)
    return out


def _split_chars(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Longest prefixes that fit, found by galloping then bisection (for runs without any boundary):
    each count reads at most twice the piece, never the whole rest of a long run."""
    out: list[str] = []
    rest = text
    while rest:
        lo, hi = 1, min(len(rest), limit)
        while hi < len(rest) and count(rest[:hi]) <= limit:
            lo, hi = hi, min(len(rest), hi * 2)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(rest[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        out.append(rest[:lo])
        rest = rest[lo:]
    return out


def unbroken_run(text: str, limit: int) -> tuple[int, int] | None:
    """(start, length) of the first run of more than ``limit`` characters without whitespace, or None.
    Anchored at run starts, so each run is scanned once (linear in the text)."""
    found = re.search(r"(?<!\S)\S{%d,}" % (limit + 1), text)
    return None if found is None else (found.start(), found.end() - found.start())
