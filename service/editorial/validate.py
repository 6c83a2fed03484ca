"""What an editor may send: one Hindi sentence and its English, in clear limits.

Every rule breaks with a 422 naming the field and what is wrong; text that a database cannot hold
(NUL and other control characters) is refused the same way, never a 500. The rules of form (not
empty, not too long, no control characters) are also in the API document (``PLAIN_TEXT``,
``OPTIONAL_PLAIN_TEXT``, ``maxLength``) and break as ``invalid_correction``; the rules of content
(Hindi where Hindi is due, one sentence) break as ``unsuitable_correction``.
"""
from __future__ import annotations

import re
import unicodedata

from service.errors import BriefError
from service.pipeline.segment import split_paragraph

MAX_SOURCE_CHARS = 2000
MAX_TRANSLATION_CHARS = 4000
MAX_TERM_CHARS = 200
MAX_QUERY_CHARS = 200
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# The same rules of form as JSON-schema patterns (ECMA-262 and Python read them alike).
PLAIN_TEXT = rf"^[^{_CONTROL_CHARS}]*[^\s{_CONTROL_CHARS}][^{_CONTROL_CHARS}]*$"
OPTIONAL_PLAIN_TEXT = rf"^[^{_CONTROL_CHARS}]*$"
_DEVANAGARI = re.compile(r"[\u0900-\u0963\u0971-\u097F]")
_LETTER = re.compile(r"[^\W\d_]")


class InvalidCorrection(BriefError):
    code = "invalid_correction"
    status = 422
    title = "Invalid correction"


class UnsuitableCorrection(InvalidCorrection):
    """Well-formed text that is not what the field needs: English for Hindi, two sentences for one."""

    code = "unsuitable_correction"
    title = "Unsuitable correction"


def devanagari_share(text: str) -> float:
    """Devanagari characters per letter (vowel signs are not ``re`` letters: capped at 1)."""
    letters, dev = len(_LETTER.findall(text)), len(_DEVANAGARI.findall(text))
    return min(1.0, dev / max(1, letters)) if letters + dev else 0.0


def clean_text(value: str, field: str, limit: int) -> str:
    """NFC, outer spaces stripped; refuses empty, too long, and control characters."""
    stripped = value.strip()
    if not stripped:
        raise InvalidCorrection(f"`{field}` is empty.")
    if len(stripped) > limit:  # as sent: NFC may lengthen a text the document's maxLength accepted
        raise InvalidCorrection(f"`{field}` is {len(stripped)} characters long; the limit is {limit}.")
    text = unicodedata.normalize("NFC", stripped)
    if _CONTROL.search(text):
        raise InvalidCorrection(f"`{field}` holds control characters; send plain text.")
    return text


def hindi_sentence(value: str, field: str = "source") -> str:
    """One Hindi sentence in Devanagari, as the pipeline's segmenter cuts sentences."""
    text = clean_text(value, field, MAX_SOURCE_CHARS)
    if devanagari_share(text) < 0.5:
        raise UnsuitableCorrection(f"`{field}` must be a Hindi sentence in Devanagari script.")
    sentences = split_paragraph(" ".join(text.split()))
    if len(sentences) != 1:
        raise UnsuitableCorrection(
            f"`{field}` holds {len(sentences)} sentences; send one correction per sentence, as the brief shows them."
        )
    return text


def hindi_term(value: str, field: str = "hindi") -> str:
    """A glossary term: a Hindi word or phrase in Devanagari."""
    text = clean_text(value, field, MAX_TERM_CHARS)
    if devanagari_share(text) < 0.5:
        raise UnsuitableCorrection(f"`{field}` must be Hindi in Devanagari script.")
    return text


def english_text(value: str, field: str = "translation", limit: int = MAX_TRANSLATION_CHARS) -> str:
    text = clean_text(value, field, limit)
    if devanagari_share(text) >= 0.5:
        raise UnsuitableCorrection(f"`{field}` must be English; it is mostly Devanagari.")
    return text


def optional_text(value: str | None, field: str, limit: int = MAX_TRANSLATION_CHARS) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text(value, field, limit)


def search_text(value: str | None) -> str | None:
    """A list filter: refused with control characters (a database would fail on NUL)."""
    if value is None or not value.strip():
        return None
    return clean_text(value, "q", MAX_QUERY_CHARS)
