"""The one normalisation of a Hindi sentence for matching: memory, corrections and glossary look-ups.

Two spellings of the same sentence must meet: Unicode forms (NFC/NFD, nukta letters written as one
code point or two), invisible characters (zero-width joiners, soft hyphens, BOM), runs of spaces,
curly or straight quotes, Devanagari or Western digits, a half nasal or an anusvara
(``normalize_hindi``), and the full stop at the end (danda, double danda, ``.``, or ``|`` typed for
a danda). A question or an exclamation mark is kept: it changes the sentence.

Stored rows keep the sentence as it was written; only its ``sentence_hash`` is the key.
"""
from __future__ import annotations

import hashlib
import re

from service.quality.text import normalize_hindi

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'", "\u2033": '"'})
_SPACES = re.compile(r"\s+")
_FULL_STOP_END = re.compile(r"[\s\u0964\u0965.|]+$")


def normalize_sentence(text: str) -> str:
    """The matching form of ``text`` (see the module docstring); empty for a text of punctuation only."""
    text = _INVISIBLE.sub("", normalize_hindi(text)).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip()
    return _FULL_STOP_END.sub("", text)


def sentence_hash(text: str) -> str:
    """SHA-256 (hex) of ``normalize_sentence(text)``: a fixed-size key, indexable in any database."""
    return hashlib.sha256(normalize_sentence(text).encode("utf-8")).hexdigest()
