"""Does a name of the English take the place of a name of the source, or is it added beside one?

Translators add names the Hindi leaves out (a first name, a surname: "Samora Machel" for सैमोरा),
and a model that swaps a name writes another one in its place ("Narendra Canada" for नरेंद्र
मोदी). The two look alike to a check of each English name alone; the source tells them apart. An
English name right after (before) a capitalized word that the source has, the anchor, stands
where the Hindi word right after (before) the anchor's Hindi word stands, the slot:

* the slot holds a word that could be a name and that no English word renders: the English put
  its name in that word's place (a certain problem);
* the slot holds a function word, a title, a rendered word or nothing: the slot tells nothing, and
  the name is judged alone (``faithfulness._name_problem_is_certain``).
"""
from __future__ import annotations

from wordfreq import zipf_frequency

from service.quality.dates import hindi_date_words
from service.quality.names import FUNCTION_WORD_ZIPF, EnglishName, acronym, is_stopword, is_title, name_like, place
from service.quality.transliterate import sounds_alike

NO_ANCHOR = None
ANCHOR_MIN_LETTERS = 3


def name_slot(name: EnglishName, source_tokens: list[str], english_words: list[str]) -> str | None:
    """The source word in ``name``'s place when it is an unrendered name ("" when the slot is not one;
    None when neither neighbour of ``name`` is found in the source).

    For a dictionary word ("Government" beside "Modi") the slot must hold a word that could be a
    name (not a frequent Hindi word: मोदी सरकार); for any other name, any unrendered content word.
    """
    anchored = False
    for neighbour, step in ((name.before, 1), (name.after, -1)):
        if not _can_anchor(neighbour):
            continue
        for j, token in enumerate(source_tokens):
            if not _renders(neighbour, token):
                continue
            anchored = True
            k = j + step
            if 0 <= k < len(source_tokens) and _unrendered(source_tokens[k], english_words, frequent=not name.slot_only,
                                                                 strict=name.slot_only):
                return source_tokens[k]
    return "" if anchored else NO_ANCHOR


def _can_anchor(word: str) -> bool:
    """A capitalized neighbour that can be matched to the source: not a short or function word ("In")."""
    return len(word) >= ANCHOR_MIN_LETTERS and zipf_frequency(word, "en") < FUNCTION_WORD_ZIPF


def unrendered_names(source_tokens: list[str], english_words: list[str], strict: bool = False) -> list[str]:
    """The source's words that could be names and that no English word renders (``strict``: names by
    HiNER's tags or words wordfreq does not know, not rarer common nouns: दूरदर्शी, छात्रावास)."""
    return [t for t in source_tokens if _unrendered(t, english_words, frequent=False, strict=strict)]


def _renders(english: str, token: str) -> bool:
    if token.isascii():
        return token.lower() == english.lower()
    country = place(token)
    return sounds_alike(token, english) or bool(country and english.lower().startswith(country.lower()[:4]))


def _unrendered(token: str, english_words: list[str], frequent: bool, strict: bool = False) -> bool:
    """A content word (not a function word, title, number or date; with ``frequent=False`` not a
    frequent Hindi word either) that no word of the English renders."""
    if token.isascii() or len(token) < 2 or token.isdigit() or is_stopword(token) or is_title(token):
        return False
    if token in hindi_date_words() or (not frequent and not name_like(token, strict=strict)):
        return False
    letters = acronym(token)
    lowered = {w.lower() for w in english_words}
    if letters and letters.lower() in lowered:
        return False
    return not any(_renders(w, token) for w in english_words)
