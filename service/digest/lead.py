"""A report's lead: its headline (first line) and the first sentences of its body.

The body of a nightly article is often one long paragraph (the brief's sentences joined), so the
lead sentences are found in a growing prefix instead of segmenting the whole body: a prefix that
already holds two more sentences than wanted has settled the wanted ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.pipeline.segment import split_paragraph
from service.pipeline.select import tokenize

LEAD_SENTENCES = 2  # sentences of the body that belong to the lead (places); the first alone for lead words
FIRST_PREFIX_CHARS = 500
# "ट्रंप ने ...", "अब ब्राजील के राष्ट्रपति ने ...": up to four words before the headline's agent marker "ने"
_ACTOR = re.compile(r"((?:\S+\s+){0,3}\S+)\s+ने(?![\u0900-\u097F])")


@dataclass(frozen=True)
class Lead:
    headline: str
    first_paragraph: str
    sentences: list[str]  # the first ``LEAD_SENTENCES`` sentences of the first paragraph


def first_sentences(paragraph: str, count: int) -> list[str]:
    """``split_paragraph(paragraph)[:count]``, reading only as much of ``paragraph`` as that needs."""
    size = FIRST_PREFIX_CHARS
    while True:
        pieces = split_paragraph(paragraph[:size])
        if size >= len(paragraph) or len(pieces) >= count + 2:
            return pieces[:count]
        size *= 4


def read_lead(text: str) -> Lead:
    headline, _, body = text.strip().partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    first = paragraphs[0] if paragraphs else ""
    return Lead(headline, first, first_sentences(first, LEAD_SENTENCES) if first else [])


def lead_words(lead: Lead) -> set[str]:
    """Words of the headline and the first sentence of the body."""
    return set(tokenize(f"{lead.headline} {lead.sentences[0] if lead.sentences else ''}"))


def headline_actor_words(lead: Lead) -> list[str]:
    """Words of the phrase before the headline's first "ने" (who acted: "ब्राजील के राष्ट्रपति ने"), or none."""
    match = _ACTOR.search(lead.headline)
    return tokenize(match.group(1)) if match else []
