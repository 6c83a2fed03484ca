"""Segment stage: split cleaned paragraphs into sentences, never across paragraphs.

Ends are the danda ``।``, double danda ``॥``, ``?``, ``!`` and ``.`` where a site uses it as a
full stop. A ``.`` is not an end after an abbreviation or initial (``डॉ.``, ``एस.``, ``Dr.``,
``S.``), inside a number, URL, e-mail address or time (``4.5``, ``www.mea.gov.in``, ``10.30``),
or before a lower-case English word. Ellipses never end a sentence: in Hindi news they mostly
mark an elided part of a quote.

Run-together text: scrapers that join a page's ``<p>`` elements without a space, or drop the space
where a link was, leave ``...नज़र आते हैं.अमदीनेजाद ने...`` or ``है.”वो``. An end mark (and its
closing quotes) followed directly by a Devanagari letter is a sentence end unless the word before
it is an abbreviation (``उ.प्र.``, ``डॉ.मनमोहन``): a ``.`` inside a number, URL or address is
between Latin letters or digits, never before a Devanagari letter.

``rejoin_broken_lines`` puts back together a sentence that a page broke across lines (print
layouts, ``<br>`` inside a paragraph), which the cleaner would otherwise read as separate lines.
"""
from __future__ import annotations

import re
import unicodedata

from service.pipeline.types import Sentence

_HARD_ENDS = "।॥?!"
_END_CHARS = _HARD_ENDS + "."
_CLOSERS = "’”\"')]}»"
_SPACED_CLOSERS = "’”"  # unambiguous closing quotes, attached even after a stray space ("है। ’’")
_OPENERS = "([{‘“\"'«"

# Titles and short forms that stand before a name or number and end in a dot.
_DEVANAGARI_TITLES = frozenset(
    unicodedata.normalize("NFC", w)
    for w in "डॉ डा प्रो श्री श्रीमती सुश्री कु स्व पं मो मु मि ले सं रु रू नं क्र पृ लि प्रा कं चौ रिप सेन".split()
)
# English letter names written in Devanagari, used as initials ("एस. जयशंकर", "के. सिंह").
_DEVANAGARI_LETTERS = frozenset(
    unicodedata.normalize("NFC", w)
    for w in "ए बी सी डी ई एफ एफ़ एच जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू डबल्यू डब्लू डबलू एक्स वाई जेड ज़ेड".split()
)
# Letter names that are also everyday words ("वह आई.", "मोदी जी."): initials only in a chain
# of initials or at the start of a sentence.
_AMBIGUOUS_LETTERS = frozenset({"आई", "जी"})
_LATIN_TITLES = frozenset(
    "dr mr mrs ms mx prof st mt gen col lt capt sgt gov sen rep hon rev messrs smt shri sh".split()
)
# Short forms that are abbreviations only when a number follows ("No. 5", "Jan. 15", "रु. 500").
_BEFORE_NUMBER = frozenset(
    "no nos rs fig vol pp p art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD_START = re.compile(r"[\u0904-\u0939\u0950\u0958-\u0961\u0972-\u097F]")
_NO_START_WORDS = frozenset(unicodedata.normalize("NFC", w) for w in (
    "का के की को में से ने पर तक है हैं था थी थे हूं हूँ हो हुआ हुई हुए हुईं गया गई गयी गए गये "
    "रहा रही रहे जाता जाती जाते होता होती होते सकता सकती सकते चाहिए दिया दी दिए किया की किए लिया ली लिए"
).split())


def is_continuation_word(word: str) -> bool:
    """A word no Hindi sentence starts with (a postposition or an auxiliary: "की", "है", "गया")."""
    return unicodedata.normalize("NFC", word).strip("\"'‘“,") in _NO_START_WORDS


_TIGHTEN_CLOSERS = re.compile(r"([।॥?!.])\s+(?=[’”]+$)")  # "है। ’’" -> "है।’’"
_INNER_DOT_ABBREVIATION = re.compile(r"(?:[^\W\d_]|[\u0900-\u0963])+(?:\.(?:[^\W\d_]|[\u0900-\u0963])+)+")


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    """Sentences of all ``paragraphs``, numbered across the article; ``paragraph`` is the list index."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in split_paragraph(paragraph):
            sentences.append(Sentence(index=len(sentences), text=text, paragraph=number))
    return sentences


_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[-–—]\s)")


def bound_length(sentences: list[Sentence], limit: int) -> list[Sentence]:
    """Sentences no longer than ``limit`` characters: a longer one (text with no sentence ends, a list
    joined into one line) is cut at clause breaks (comma, semicolon, colon, dash), else between words,
    into pieces packed up to the limit and numbered in order. Nothing is dropped; every model input and
    every output the guard checks stays bounded (docs/reliability.md, "Cost bounds")."""
    if all(len(s.text) <= limit for s in sentences):
        return sentences
    bounded: list[Sentence] = []
    for sentence in sentences:
        for text in _pieces(sentence.text, limit) if len(sentence.text) > limit else [sentence.text]:
            bounded.append(Sentence(index=len(bounded), text=text, paragraph=sentence.paragraph))
    return bounded


def _pieces(text: str, limit: int) -> list[str]:
    units: list[str] = []
    for clause in _CLAUSE_BREAK.split(text):
        units.extend(clause.split() if len(clause) > limit else [clause])
    pieces: list[str] = []
    for unit in units:
        if pieces and len(pieces[-1]) + 1 + len(unit) <= limit:
            pieces[-1] = f"{pieces[-1]} {unit}"
        else:
            pieces.append(unit)
    return [p for p in pieces if any(c.isalnum() for c in p)]


def split_paragraph(text: str) -> list[str]:
    """The sentences of one paragraph, whitespace collapsed; pieces with no letter or digit are dropped."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    pieces: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] not in _END_CHARS:
            i += 1
            continue
        run_end = i + 1
        while run_end < len(text) and text[run_end] in _END_CHARS:
            run_end += 1
        end = _sentence_end(text, start, i, run_end)
        if end is None:
            i = run_end
            continue
        pieces.append(_TIGHTEN_CLOSERS.sub(r"\1", text[start:end].strip()))
        start = i = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if any(c.isalnum() for c in p)]


def _sentence_end(text: str, start: int, mark: int, run_end: int) -> int | None:
    """Where the sentence ends if the end-mark run ``text[mark:run_end]`` closes it, else None."""
    run = text[mark:run_end]
    hard = any(c in _HARD_ENDS for c in run)
    if not hard and len(run) > 2:
        return None  # "..." is an ellipsis ("..", a full stop typed twice, is an end)
    end = _after_closers(text, run_end, text[start:mark])
    glued = end < len(text) and not text[end].isspace()
    if glued and not (run[-1] in "।॥" or _starts_devanagari_word(text, end) or _latin_after_devanagari(text, mark, end)
                      or _digit_after_devanagari(text, mark, end)):
        return None  # "4.5", "15.01.2026", "example.com", "Yahoo!Inc", "10.30"
    if glued and run[-1] == "." and _glued_abbreviation(text[start:mark], text[end:]):
        return None  # "उ.प्र.", "ए.के.सिंह"
    following = text[end:].lstrip()
    if following[:1] in {",", ";", ":"} or following[:1].islower():
        return None  # the sentence goes on: '"कब?", उसने पूछा' / "approx. five"
    if not hard and following.split()[:1] and following.split()[0].strip("\"'‘“") in _NO_START_WORDS:
        return None  # a postposition goes on with the sentence: "कैपिटलएफएम. की", "200. से"
    if not hard and _is_abbreviation(text[start:mark], following):
        return None
    return end


def _glued_abbreviation(before: str, after: str) -> bool:
    """A chain of short forms written without spaces: the next word holds a dot of its own within
    its first few letters ("उ.प्र.", "ए.के.सिंह"), or the word before is one bare vowel letter."""
    word = before.split()[-1] if before.split() else ""
    next_word = after.split()[0] if after.split() else ""
    return "." in next_word[:5] or (len(word) == 1 and "\u0904" <= word <= "\u0914")


def _latin_after_devanagari(text: str, mark: int, pos: int) -> bool:
    """"है.Frontier": a Latin capital glued after a Devanagari sentence's end (a dot between Latin
    letters or digits belongs to a name, number or address)."""
    return mark > 0 and "\u0900" <= text[mark - 1] <= "\u097f" and text[pos].isupper()


def _digit_after_devanagari(text: str, mark: int, pos: int) -> bool:
    """"कब्ज़ा कर लिया था.1957 में": a number glued after a Devanagari word's full stop (a dot inside
    a number has digits on both sides; "रु.500" is an abbreviation, checked after)."""
    before = text[mark - 1] if mark > 0 else ""
    return pos < len(text) and text[pos].isdigit() and "\u0900" <= before <= "\u097f" and not before.isdigit()


def _starts_devanagari_word(text: str, pos: int) -> bool:
    """A Devanagari letter that can begin a word (not a vowel sign, virama or nukta) at ``pos``,
    possibly after opening quotes: the next sentence of run-together text."""
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    return pos < len(text) and _WORD_START.match(text[pos]) is not None


_STRAIGHT_QUOTES = "\"'"


def _after_closers(text: str, pos: int, before: str = "") -> int:
    """Move ``pos`` past closing quotes and brackets that belong to the sentence just ended.

    A straight quote glued to the next word ('है."यह') may close this sentence or open the next
    one; ``_straight_quote_closes`` decides. Counting quotes over the whole paragraph instead did
    worse on the development documents: one unbalanced quote turns every later decision."""
    consumed = False
    while pos < len(text):
        glued_to_word = pos + 1 < len(text) and not text[pos + 1].isspace() and text[pos + 1] not in _CLOSERS
        if (text[pos] in _STRAIGHT_QUOTES and glued_to_word
                and (consumed or not _straight_quote_closes(text, pos, before))):
            break
        if text[pos] in _CLOSERS:
            pos += 1
            consumed = True
        elif (
            text[pos] == " "
            and pos + 1 < len(text)
            and text[pos + 1] in _SPACED_CLOSERS
            and (pos + 2 == len(text) or text[pos + 2].isspace() or text[pos + 2] in _CLOSERS)
        ):
            pos += 2
        else:
            break
    return pos


def _straight_quote_closes(text: str, pos: int, before: str) -> bool:
    """Does the straight quote at ``pos``, right after an end mark and glued to the next word, close
    the sentence ``before``? (A quote after another closer never does: ``है।”"यह`` opens.)

    The last such quote in the sentence says whether a quote is open: one shaped as an opener
    (``कहा, "यह``) is closed here; one shaped as a closer (``"यह," उन्होंने कहा।"अब``) leaves none
    open, so this one opens the next sentence. With no telling quote in the sentence (a quote that
    began sentences earlier, or none), the next sentence's first one decides the other way round:
    a closer there ('।"हर मिनट ...," उन्होंने कहा।') means this one opened it, an opener there
    ('।"उन्होंने कहा कि "ऐसे') that this one closed a quote that ran over several sentences. With no
    quote inside the next sentence either, a quote right after its end means this one opened it."""
    quote = text[pos]
    shape = _last_quote_shape(before, quote)
    if shape is not None:
        return shape == "opener"
    if before.count(quote) % 2 == 1:
        return True
    following = _next_sentence(text, pos + 1)
    inner = following.rstrip(_CLOSERS)
    shape = _first_quote_shape(inner, quote)
    if shape is not None:
        return shape == "opener"
    return quote not in following[len(inner):]


def _quote_shape(text: str, i: int) -> str | None:
    """"opener" (a space or the start before, a letter after), "closer" (a letter before, a space,
    the end or a comma after), or None when the quote is glued on both sides or on neither."""
    opens = (i == 0 or text[i - 1].isspace() or text[i - 1] in _OPENERS) and i + 1 < len(text) and not text[i + 1].isspace()
    closes = i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] in ",;:-")
    return None if opens == closes else "opener" if opens else "closer"


def _last_quote_shape(text: str, quote: str) -> str | None:
    last = text.rfind(quote)
    return None if last < 0 else _quote_shape(text, last)


def _first_quote_shape(text: str, quote: str) -> str | None:
    first = text.find(quote)
    return None if first < 0 else _quote_shape(text, first)


# An end mark and the closers after it.
_NEXT_END = re.compile(r"(?:[।॥?!]+|\.(?=[\s’”\"')\]]|$))[’”\"')\]]*")


def _next_sentence(text: str, pos: int) -> str:
    """From ``pos`` to the next end mark (a ``.`` one where a space or closer follows) and its closers."""
    found = _NEXT_END.search(text, pos)
    return text[pos: found.end()] if found else text[pos:]


def _is_abbreviation(before: str, following: str) -> bool:
    """Whether the word right before a ``.`` makes that dot part of an abbreviation, not a full stop."""
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(_OPENERS)
    first_word = len(words) == 1
    previous_is_short_form = len(words) > 1 and words[-2].endswith(".")
    next_is_number = following[:1].isdigit()
    folded = word.casefold()
    if word in _DEVANAGARI_TITLES or word in _DEVANAGARI_LETTERS or folded in _LATIN_TITLES:
        return True
    if word in _AMBIGUOUS_LETTERS:
        return first_word or previous_is_short_form
    if re.fullmatch(r"[A-Z]", word):
        return True  # an initial: "S. Jaishankar"
    if _INNER_DOT_ABBREVIATION.fullmatch(word):
        return True  # "U.S.", "e.g.", "उ.प्र.", "ए.के."
    if folded in _BEFORE_NUMBER and next_is_number:
        return True
    return first_word and word.isdigit() and len(word) <= 2  # a numbered list item: "1. ..."


# ---- lines broken in the middle of a sentence -----------------------------------------------------

_MID_SENTENCE_END = re.compile(r"(?:[,;][’”\"')\]]*|\s[-–—])$")
_SENTENCE_END_ANYWHERE = re.compile(r"[।॥?!]|[^\s.\d]\.(?:\s|$)")
_LINE_END = re.compile(r"(?:[।॥?!.:;,\-–—…|]|\.\.\.)[’”\"')\]]*$")
# A list item's bullet or number ("- ", "• ", "3. ", "(2) "); the cleaner strips it from list items too.
LIST_MARKER = re.compile(r"^(?:[-–—•·▪►✓*]+|\(?\d{1,2}[.)]|\d{1,2}\s*[-–])\s*")
# Words a Hindi sentence or headline does not end with (postpositions, conjunctions) and words a
# sentence does not begin with (postpositions, auxiliaries): a line ending with one of the first,
# or followed by a line starting with one of the second, was broken in the middle of a sentence.
_NO_END_WORDS = frozenset(unicodedata.normalize("NFC", w) for w in (
    "का के की को में से ने पर तक और व या तथा एवं कि जो जिस जिसे जिसके जिनके लिए द्वारा बीच साथ "
    "यानी अथवा किंतु परंतु लेकिन मगर बल्कि क्योंकि इसलिए तो भी ही"
).split())
REJOIN_MIN_WORDS = 4  # a line shorter than this is a label or list item, never half a sentence
WRAPPED_SHARE = 0.75  # lines this share of a block's longest line or longer are its full-width lines
# Of the words above, those a headline never ends with either (it may end with "में", "से").
_NEVER_LAST_WORDS = frozenset(unicodedata.normalize("NFC", w) for w in (
    "का के की ने और व या तथा एवं कि जो जिस जिसे जिसके जिनके द्वारा यानी अथवा किंतु परंतु लेकिन मगर बल्कि क्योंकि इसलिए"
).split())


def rejoin_broken_lines(lines: list[str]) -> list[str]:
    """Lines with every sentence broken across lines put back together (adjacent lines only).

    A line is continued by the next one when it has no end mark (``।?!.:,-`` ...), neither line is
    a list item, the line has at least ``REJOIN_MIN_WORDS`` words, and one of:

    * the next line starts with a word no Hindi sentence starts with (``है``, ``में``, ``जाती``...);
    * the line ends with a word no sentence or headline ends with (``के``, ``की``, ``और``...);
    * the line already holds a sentence end (a paragraph wrapped at a width) and ends with a
      postposition (``में``, ``से``...);
    * the block is a paragraph wrapped at a width (``WRAPPED_SHARE`` of its width or more, at
      least two such lines without an end) and the line is one of its full-width lines.

    Headlines and list items hold no sentence end, and the line after them starts a sentence, so
    they stay lines of their own (a headline may well end with "में" or "से").
    """
    width = max((len(line.strip()) for line in lines), default=0)
    full = [bool(width) and len(line.strip()) >= WRAPPED_SHARE * width and not _LINE_END.search(line.strip()) for line in lines]
    # A paragraph wrapped at a width ends somewhere: a block with no sentence end in any line is a
    # run of headline-like points ("नाले के ऊपर ... हटाई गई" / "अतिक्रमण के चलते ... होती थी"), not one.
    ends = any(_SENTENCE_END_ANYWHERE.search(line) for line in lines)
    wrapped_block = len(lines) >= 3 and sum(full[:-1]) >= 2 and ends
    out: list[list[str]] = []
    for index, line in enumerate(lines):
        # Judged on the previous line as it came, never on the text joined so far (linear time).
        if out and _continues(lines[index - 1], line, wrapped_block and full[index - 1]):
            out[-1].append(line.strip())
        else:
            out.append([line.rstrip()])
    return [" ".join(parts) for parts in out]


def _continues(line: str, following: str, full_width: bool = False) -> bool:
    line, following = line.strip(), following.strip()
    words, next_words = line.split(), following.split()
    if not words or not next_words:
        return False
    if _MID_SENTENCE_END.search(line):
        # A comma, semicolon or dash never ends a sentence: the line was broken at a width after it.
        return not (LIST_MARKER.match(line) or LIST_MARKER.match(following)) and len(words) >= REJOIN_MIN_WORDS
    if _LINE_END.search(line):
        return False
    if LIST_MARKER.match(line) or LIST_MARKER.match(following) or len(words) < REJOIN_MIN_WORDS:
        return False
    if not any("\u0900" <= c <= "\u097f" for c in line + following):
        return False
    last, first = words[-1].strip("\"'‘’“”()"), next_words[0].strip("\"'‘’“”()।.,")
    wrapped = len(split_paragraph(line)) > 1 and last in _NO_END_WORDS
    return first in _NO_START_WORDS or last in _NEVER_LAST_WORDS or wrapped or full_width
