"""A newsroom glossary applied to English output, and what the faithfulness guard learns from it.

A term is a Hindi word or phrase and its house English rendering (``जयशंकर`` -> ``Jaishankar``,
``भाजपा`` -> ``BJP``). When a source sentence holds a term (as whole normalized tokens) and the
English renders it as a sound-alike variant (``Jayshanker``, ``Jai Shankar``), the variant becomes
the house spelling: the candidate span must start with a capital and must not be ordinary English
words, and its consonant skeleton must match the rendering's (``transliterate``). A rendering the
model did not produce at all (``foreign ministry`` for ``Ministry of External Affairs``) is left
alone: replacing words by meaning is not something a sound match can do safely.

For the guard, a term in the source is a name the English must contain (its rendering, or a
sound-alike of it), and the rendering's words are names the source supports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

from service.quality.names import is_common_english
from service.quality.text import hindi_tokens, latin_words
from service.quality.transliterate import hindi_skeleton, skeleton, skeletons_alike

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True)
class GlossaryTerm:
    hindi: str
    english: str
    note: str | None = None

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        return tuple(hindi_tokens(self.hindi))

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(latin_words(self.english))

    @cached_property
    def sounds(self) -> tuple[str, str]:
        """Consonant skeletons of the house rendering and of the Hindi term."""
        return skeleton("".join(self.words)), "".join(hindi_skeleton(t) for t in self.tokens)


class TermIndex:
    """Terms by their first Hindi token, longest first, for a scan of a sentence's tokens."""

    def __init__(self, terms: Iterable[GlossaryTerm]):
        self.terms = [t for t in terms if t.tokens and t.words]
        self._by_first: dict[str, list[GlossaryTerm]] = {}
        for term in sorted(self.terms, key=lambda t: -len(t.tokens)):
            self._by_first.setdefault(term.tokens[0], []).append(term)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def found_in(self, source: str) -> list[GlossaryTerm]:
        """The terms ``source`` holds, each once, longest match first at each position."""
        tokens = hindi_tokens(source)
        found: dict[str, GlossaryTerm] = {}
        i = 0
        while i < len(tokens):
            step = 1
            for term in self._by_first.get(tokens[i], ()):
                if tuple(tokens[i : i + len(term.tokens)]) == term.tokens:
                    found.setdefault(term.hindi, term)
                    step = len(term.tokens)
                    break
            i += step
        return list(found.values())


def _spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _variant_of(words: Sequence[str], term: GlossaryTerm) -> bool:
    """Do ``words`` (a window of the output) spell ``term``'s rendering another way?"""
    if not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if len(words) > len(term.words) and not all(w[:1].isupper() for w in words):
        return False  # a name written as more words ("Jai Shankar") has capitals; "Kaura said" is not one
    if all(is_common_english(w.lower()) for w in words):
        return False  # "Made" is not "Modi", whatever their skeletons say
    ours = skeleton("".join(words))
    house, hindi = term.sounds
    if abs(len(ours) - len(house)) > max(1, len(house) // 5):
        return False  # a part of the name ("Narender" for "Narendra Modi") or more than it
    if len(words) > 1 and skeleton(words[0])[:1] != house[:1]:
        return False  # an initial or a word before the name ("S. Jayshanker")
    # It must sound like the house spelling AND like the Hindi it renders: another name that merely
    # shares a few consonants with the house spelling (Kaul, Kohli) is left alone.
    return skeletons_alike(ours, house) and skeletons_alike(ours, hindi)


def _matches(text: str, term: GlossaryTerm) -> list[tuple[int, int, bool]]:
    """(start, end, exact) spans of ``text`` that render ``term``: exactly, or as a sound-alike variant."""
    spans = _spans(text)
    words = [_POSSESSIVE.sub("", w) for _, _, w in spans]
    k = len(term.words)
    out: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(spans):
        hit = None
        for n in dict.fromkeys((k, k + 1, max(1, k - 1))):
            window = words[i : i + n]
            if len(window) < n:
                continue
            if n == k and [w.lower() for w in window] == [w.lower() for w in term.words]:
                hit = (n, True)
                break
            if _variant_of(window, term):
                hit = (n, False)
                break
        if hit is None:
            i += 1
            continue
        n, exact = hit
        last = spans[i + n - 1]
        end = last[0] + len(words[i + n - 1])
        out.append((spans[i][0], end, exact))
        i += n
    return out


def apply_spellings(text: str, terms: Sequence[GlossaryTerm]) -> str:
    """``text`` with every sound-alike variant of a term's rendering written the glossary's way.

    When the house rendering is there already (any case), nothing else is respelt for that term:
    the other sound-alikes are then other names."""
    for term in sorted(terms, key=lambda t: -len(t.words)):
        matches = _matches(text, term)
        if any(exact for _, _, exact in matches):
            matches = [m for m in matches if m[2]]
        for start, end, _ in reversed(matches):
            if text[start:end] != term.english:
                text = text[:start] + term.english + text[end:]
    return text


def rendered(term: GlossaryTerm, english: str) -> bool:
    """Does ``english`` contain the term's rendering (any case) or a sound-alike variant of it?"""
    return bool(_matches(english, term))


@dataclass
class TermChecks:
    """What the guard's entity checks take from the glossary for one source and its English."""

    found: list[tuple[str, bool]]  # (label, rendered) per term in the source
    covered_tokens: set[str]  # Hindi tokens a term accounts for (not checked again as names)
    supported_words: set[str]  # lower-case English words the source's terms back


def term_checks(source: str, english: str, index: TermIndex | None) -> TermChecks:
    if not index:
        return TermChecks([], set(), set())
    terms = index.found_in(source)
    return TermChecks(
        found=[(f"{t.hindi} ({t.english})", rendered(t, english)) for t in terms],
        covered_tokens={token for t in terms for token in t.tokens},
        supported_words={w.lower() for t in terms for w in t.words},
    )
