"""Language identification with py3langid (its model ships in the wheel; no network).

Devanagari script alone does not mean Hindi: Marathi, Nepali, Sanskrit and Konkani share it.
Urdu is the same spoken language as Hindi in Perso-Arabic script; the models here expect Devanagari.
Hindi in Latin letters ("Videsh mantri ne ... mulakat ki", code ``hi-Latn``) is recognised by
``romanized`` (py3langid has no such class and guesses Javanese, Hausa or English) and refused
with ``RomanizedHindi``: the models expect Devanagari, and informal romanization follows no scheme
a transliterator could undo reliably (see docs/quality.md).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from service.errors import RomanizedHindi, UnsupportedLanguage
from service.pipeline.romanized import is_romanized_hindi

DEVANAGARI_LETTER = re.compile(r"[\u0900-\u0963\u0971-\u097F]")
LETTER = re.compile(r"[^\W\d_]")

SUPPORTED = {"hi": "Hindi", "en": "English"}
NAMES = {
    "mr": "Marathi", "ne": "Nepali", "sa": "Sanskrit", "gom": "Konkani", "ur": "Urdu",
    "bn": "Bengali", "pa": "Punjabi", "gu": "Gujarati", "ta": "Tamil", "te": "Telugu",
}
# Below this confidence, a Devanagari text is taken as Hindi: short Hindi snippets often score as Sanskrit.
OTHER_DEVANAGARI_MIN_PROB = 0.6
# Short English snippets get low-confidence guesses (Dutch, Latin...); Latin script below this is English.
LATIN_MIN_PROB = 0.5
LATIN_LETTER = re.compile(r"[A-Za-z]")
ROMANIZED_HINDI = "hi-Latn"
# py3langid never reaches this confidence on romanized Hindi (0.4% of held-out lines) but does on
# French, German... whose words could look Hindi next to an English word list.
OTHER_LATIN_SURE = 0.95

_identifier: LanguageIdentifier | None = None
_lock = threading.Lock()


def load_identifier() -> LanguageIdentifier:
    """The py3langid model, loaded once per process (or once in gunicorn's master, then shared)."""
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    probability: float
    devanagari_share: float


def identify(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (uses at most the first 5,000 characters)."""
    sample = text[:5000]
    letters = len(LETTER.findall(sample))
    dev = len(DEVANAGARI_LETTER.findall(sample))
    if letters + dev == 0:
        return LanguageGuess("zxx", 1.0, 0.0)
    # Devanagari vowel signs are not "letters" to ``re``; count both and cap the share at 1.
    share = min(1.0, dev / max(1, letters))
    code, prob = load_identifier().classify(sample)
    if share < 0.5 and _is_latin(sample) and (code == "en" or prob < OTHER_LATIN_SURE) and is_romanized_hindi(sample):
        return LanguageGuess(ROMANIZED_HINDI, float(prob), share)
    if share >= 0.5 and code != "hi" and (code not in NAMES or prob < OTHER_DEVANAGARI_MIN_PROB):
        code = "hi"
    elif share < 0.5 and code != "en" and prob < LATIN_MIN_PROB and _is_latin(sample):
        code = "en"
    return LanguageGuess(code, float(prob), share)


def _is_latin(text: str) -> bool:
    return len(LATIN_LETTER.findall(text)) >= 0.8 * max(1, len(LETTER.findall(text)))


def require_supported(text: str) -> str:
    """Return 'hi' or 'en', or raise ``UnsupportedLanguage`` saying what was found."""
    guess = identify(text)
    if guess.code in SUPPORTED:
        return guess.code
    if guess.code == ROMANIZED_HINDI:
        raise RomanizedHindi(
            "The text looks like Hindi written in Latin letters (romanized Hindi). This service briefs Hindi "
            "in Devanagari script: send the article in Devanagari (for example, copy it from the publisher's "
            "Hindi site), or send English text to have it passed through as English."
        )
    if guess.code == "zxx":
        raise UnsupportedLanguage("The text has no words in any language (only digits, symbols or punctuation).", "zxx")
    name = NAMES.get(guess.code, guess.code)
    hint = ""
    if guess.code == "ur":
        hint = " Urdu script is not supported: send the text in Devanagari (Hindi)."
    elif guess.devanagari_share >= 0.5:
        hint = " Devanagari script is shared by several languages; only Hindi is supported."
    raise UnsupportedLanguage(
        f"The text looks like {name} ('{guess.code}', confidence {guess.probability:.2f}); "
        f"this service briefs Hindi (or English) news.{hint}",
        guess.code,
    )
