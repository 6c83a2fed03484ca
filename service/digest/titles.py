"""Every digest story gets an English headline, and every source line an outlet and a title.

**Headline** (``story_headline``), first that applies, over the story's articles in order of
centrality:

1. the translated headline of an article (the pipeline translates the Hindi headline the cleaner
   kept, ``brief["title"]``): the most central article with a headline of 4-25 words, else the
   most central with any;
2. an English title the input gave (a news API's English title or URL slug, which the pipeline
   never translates): used when it reads as a phrase (it has a function word: "to", "after",
   "of" ...); a bare keyword list ("delhi corona vaccination programme covishield") is not one;
3. the **lead**: the English of the first story sentence among the central article's bullets,
   shortened at a clause boundary (a comma, "and", "after", "who" ... between the 5th and the 14th
   word; else cut at 12 words with an ellipsis).

The bullet a lead headline was made from is then dropped from the story's bullets when the
headline is that whole sentence (so the headline never repeats the first bullet verbatim); when
the headline is only its first clause, the bullet stays (it holds the rest of the sentence), and
in ``translate`` mode too (the bullets are then the whole article, sentence by sentence).

**Source line** (``source_entry``): the outlet (the input's ``source``, else the URL's host, else a
name derived from the file or JSONL it came from), and the article's title (the cleaner's headline,
so without section prefixes, when the title was Hindi), or its first words with "…" when it has
none - never only an id.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from service.digest.articles import Article

LEAD_MIN_WORDS = 5
LEAD_MAX_WORDS = 14
LEAD_CUT_WORDS = 12
FIRST_WORDS = 8
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FUNCTION_WORDS = frozenset(
    "a an the to of in on for with after before from by at as is are was were will has have had be been "
    "says said over amid against into than and but who which that not".split()
)
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[-–—]\s+|\s+(?=(?:and|but|while|after|as|who|which|that|where|when|because)\s)")


def usable_english(text: str | None) -> bool:
    """English with some words in it: not blank, not Devanagari left untranslated."""
    if not text or not text.strip():
        return False
    return len(_LATIN_WORD.findall(text)) >= 2 and len(_DEVANAGARI.findall(text)) <= len(text) // 10


def phrase_title(title: str | None) -> str | None:
    """An English title given with the input (a URL slug's words too), if it reads as a phrase."""
    if not title or _DEVANAGARI.search(title):
        return None
    words = re.sub(r"[-_]+", " ", title).split()
    while words and words[-1].isdigit():
        words.pop()  # a slug's trailing article number
    if len(words) < 4 or not any(w.lower() in _FUNCTION_WORDS for w in words[1:]):
        return None
    text = " ".join(words)
    return text[0].upper() + text[1:]


def shorten_lead(sentence: str) -> tuple[str, bool]:
    """The lead sentence as a headline, and whether it had to be shortened."""
    text = " ".join(sentence.split()).rstrip(" .।")
    words = text.split()
    if len(words) <= LEAD_MAX_WORDS:
        return _capital(text), False
    best = None
    for m in _CLAUSE_BREAK.finditer(text):
        if LEAD_MIN_WORDS <= len(text[: m.start()].split()) <= LEAD_MAX_WORDS:
            best = m.start()
    if best is not None:
        return _capital(text[:best].rstrip(" ,;:-–—")), True
    return _capital(" ".join(words[:LEAD_CUT_WORDS]).rstrip(" ,;:-–—")) + "…", True


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lead_bullet(brief: dict[str, Any]) -> dict[str, Any] | None:
    """The bullet holding the earliest story sentence (the lead, when selection kept it)."""
    bullets = [b for b in (brief.get("bullets") or brief.get("translations") or []) if usable_english(b.get("text"))]
    if not bullets:
        return None
    return min(bullets, key=lambda b: min(b.get("source_indexes") or [10**6]))


def story_headline(members: list[tuple[Article, dict[str, Any]]]) -> tuple[str, str | None]:
    """(headline, text of the bullet to drop because the headline repeats it whole, or None).
    ``members``: (article, brief) pairs, most central first."""
    translated = [brief["title"] for _, brief in members if brief.get("title_source") and usable_english(brief.get("title"))]
    well_sized = [t for t in translated if 4 <= len(t.split()) <= 25]
    if well_sized or translated:
        return (well_sized or translated)[0].strip(), None
    for article, _ in members:
        given = phrase_title(article.title) or phrase_title(_slug(article.url))
        if given:
            return given, None
    for _, brief in members:
        lead = _lead_bullet(brief)
        if lead:
            headline, shortened = shorten_lead(lead["text"])
            whole_translation = brief.get("mode") == "translate"  # its sentences are the article, all kept
            return headline, None if shortened or whole_translation else lead["text"]
    article, brief = members[0]
    return _first_words(article, brief), None  # nothing translated at all: the Hindi opening words


def _slug(url: str | None) -> str | None:
    """The words of a URL's last path segment ("...-says-about-coronavirus-vaccination/829567")."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s and not s.isdigit()]
    if not segments:
        return None
    slug = re.sub(r"\.(?:html?|cms|php|aspx?)$", "", segments[-1])
    return slug if "-" in slug or "_" in slug else None


def outlet(article: Article) -> str:
    """Who published it: the ``source`` field, else the URL's host, else the file it came from."""
    if article.source:
        return article.source
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return re.sub(r"^(?:www\d?|m|amp)\.", "", host)
    return article.origin or article.id


def _first_words(article: Article, brief: dict[str, Any]) -> str:
    sentences = brief.get("sentences") or []
    text = sentences[0]["text"] if sentences else (article.text_for_key() if article.format == "text" else "")
    words = text.split()
    if not words:
        return article.id
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")


def source_entry(article: Article, brief: dict[str, Any], published: str | None, published_from: str) -> dict[str, Any]:
    """One source line's fields (``title``: the article's title, or its first words when it has none)."""
    given, cleaned = article.title, brief.get("title_source")
    # A Hindi title went into the text, and the cleaner's headline is its clean form (no "देश / " section
    # prefix); an English one (an API's slug) did not, so it is shown as given.
    title = cleaned if given and cleaned and _DEVANAGARI.search(given) else (given or cleaned)
    return {
        "id": article.id,
        "source": outlet(article),
        "title": title or _first_words(article, brief),
        "untitled": not title,
        "title_en": brief.get("title") if usable_english(brief.get("title")) else None,
        "url": article.url,
        "published": published,
        "published_from": published_from,
    }
