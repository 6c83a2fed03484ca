"""Negation in Hindi and English: does the English keep the polarity of the source?

Each side's negations are counted in two kinds:

* **plain**: a grammatical negation of a clause: Hindi नहीं, न, ना, मत (before an imperative),
  English not, n't, no, never, nothing, none, nobody, nowhere, neither, cannot;
* **lexical**: a word that carries a negation in its meaning or prefix, or a negation that is no
  clause's: Hindi असंभव (अ-), नाकाम (ना-), गैरकानूनी (गैर-), बेकार (बे-), बिना (without), इनकार
  (refusal), विफल (failed), a double negative (खत्म नहीं, "does not end"), न केवल/सिर्फ ... नहीं
  ("not only"); English unlikely (un-), impossible (im-), without, fail, refuse, deny, lack, little,
  unless, not only, no doubt.

Plain negations are counted twice over: once per clause (clauses end at a full stop or a
conjunction such as लेकिन/कि/जो/अगर, but/that/which/if; not at commas or और/and, so one negation for a
list of negated verbs, न करें ... न लें ... नहीं मांगें / do not steal, trespass or beg, is one on each
side) and one by one. Hindi and English clauses do not align one to one (तो and क्योंकि open a clause,
"as" and "and" do not), so a side has more negations only when both counts say so. A translator may
render a plain negation with a lexical one (नहीं टूटी थीं / were unbreakable; टिप्पणी नहीं की /
declined to comment), so a side's lexical negations, less those the other side's lexical ones account
for (बिना / without), may stand for the other side's plain ones. A negation is ``missing`` when the
source has more negations than the English can account for (a "had not married" rendered "had
married"), ``unsupported`` when the English has more than the source can. A missing one is certain
only where the English negates nothing or is two short; where both sides negate and only the counts
differ, it is reported as possible (a negation folded into "prevented", an antonym).

Not negations at all: या नहीं ("or not", often left out), नहीं तो ("otherwise"), कहीं न कहीं
("somewhere or other"), यही नहीं/इतना ही नहीं ("moreover"), मत as "vote"; English or not, if not,
No. 1, not long ago, from nowhere; an expletive न after fear (डर था कि ... न चल जाए) or in an इससे
पहले कि clause ("before"); चिंता न करें ("rest assured"); न जाने ("who knows"); a tag (है ना?). Lexical:
a rhetorical question (क्या जरूरत, "no need"; क्या यह सच नहीं है?), शायद ही ("hardly"), नहीं के बराबर
("next to none"), क्यों न ("let us"); English comparatives and set phrases (no more than, not until,
why not, can't help, a no-fly zone) and double negatives (not unlike, not without).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from service.quality.names import is_common_english
from service.quality.text import hindi_tokens, normalize_hindi


@dataclass(frozen=True)
class Polarity:
    """Negations counted in one text: ``plain`` (नहीं, not) and ``lexical`` (असंभव, unlikely)."""

    plain: int = 0
    lexical: int = 0
    occurrences: int = 0  # plain negations counted one by one, whatever their clause

    @property
    def any(self) -> int:
        return self.plain + self.lexical


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize_hindi(w) for w in text.split())


_HI_PLAIN = _words("नहीं नही न ना")
# Clauses end at a full stop or a conjunction that opens another clause; not at commas or और, which
# join the items of a list ("न चोरी करें, न भीख मांगें" is one negated clause, as "do not steal or beg" is).
_HI_SENTENCE_END = re.compile("([।.?!;:])")
_HI_CLAUSE_WORDS = _words(
    "लेकिन किंतु किन्तु परंतु परन्तु मगर बल्कि क्योंकि कि जो जिसे जिसमें जिससे जिन्हें जब तब तो अगर यदि ताकि "
    "हालांकि हालाँकि यद्यपि जबकि"
)
_HI_NAHIN = normalize_hindi("नहीं")
_HI_NA = normalize_hindi("न")
_HI_IMPERATIVE_NOT = normalize_hindi("मत")  # also "vote", "opinion" (मत दिया, मत-संग्रह)
_HI_ONLY = _words("केवल सिर्फ मात्र")
_HI_BUT = normalize_hindi("बल्कि")
_HI_MOREOVER = _words("यही इतना इतनी")
_HI_EMPHASIS = _words("ही भी तो")
_HI_THAT = _words("कि की")  # कि नहीं at a clause's end: "or not" (आएगा कि नहीं)
# A rhetorical question of need or use says a negation without one (… की क्या जरूरत है: "there is no
# need", क्या फायदा: "no use"): a lexical negation, which may stand for "no".
_HI_QUESTION = _words("क्या कैसी कौन")
_HI_NEED = _words("जरूरत ज़रूरत आवश्यकता मतलब फायदा फ़ायदा लाभ तुक")
# An expletive न after fear (डर था कि … पता न चल जाए: "feared it would be exposed") negates nothing.
_HI_FEAR = _words("डर डरते डरता डरती डरे भय आशंका अंदेशा")
# चिंता न करें, "don't worry", is as often "rest assured": a negation of no fact.
_HI_WORRY = _words("चिंता फिक्र फ़िक्र")
_HI_OR = _words("या अथवा")
_HI_THEN = normalize_hindi("तो")
_HI_LEXICAL = _words(
    "बिना बगैर इनकार इंकार इन्कार मना मनाही खारिज नकार नकारा नकारते नकारने असफल विफल विफलता नाकाम नाकामी "
    "अभाव रहित वंचित कमी रद्द निरस्त रोक रोका रोकने रोकी बचने बचें बचना टाल टालने टला असमर्थ अक्षम "
    "खत्म समाप्त बजाय बजाए सिवा सिवाय बच बचा बची बचे लापता गायब चूक चूके चूका छोड़कर परहेज कतराते कतराने कतरा "
    "ठुकरा ठुकराया ठुकराने अनदेखी नजरअंदाज प्रतिबंध प्रतिबंधित पाबंदी वर्जित निषेध निषिद्ध बमुश्किल"
)
_HI_KNOW = normalize_hindi("जाने")  # न जाने कितने: "who knows how many"
_HI_WHAT = normalize_hindi("क्या")
_HI_WHY = normalize_hindi("क्यों")
_HI_KE = normalize_hindi("के")
_HI_EQUAL = normalize_hindi("बराबर")
_HI_BEFORE = normalize_hindi("पहले")
_HI_HARDLY = normalize_hindi("शायद")  # शायद ही कोई: "hardly anyone"
_HI_ONLY_EMPHASIS = normalize_hindi("ही")
# Hindi negative prefixes: अ/अन (असंभव, अनावश्यक), बे (बेकार), गैर (गैरकानूनी), ना (नापसंद). Not नि/निर्:
# most such words are no negation (निर्देश, निर्माता, नियुक्त).
_HI_PREFIXES = tuple(normalize_hindi(p) for p in ("गैर", "अन", "बे", "ना", "अ"))
HINDI_STEM_ZIPF = 4.0  # the rest of a prefixed word must be a frequent Hindi word (असंभव: संभव 4.95)
HINDI_STEM_MIN_LETTERS = 3
_MATRAS = frozenset(chr(c) for c in range(0x093E, 0x094E)) | {"\u0902", "\u0901", "\u0903"}

_EN_PLAIN = re.compile(
    r"\b(?:not|never|nothing|none|nobody|nowhere|neither|cannot|no(?!\.?\s*\d)(?:-one)?)\b|n['’]t\b", re.IGNORECASE
)
# no negation at all: "or not", "if not", "not long ago", "No. 1"
_EN_NEUTRAL = re.compile(r"\b(?:or|if)\s+not\b|\bnot\s+long\s+ago\b|\bno\.?\s*\d", re.IGNORECASE)
# a negation of no clause: "not only", "no doubt", "spare no effort"; it may stand for one of the source
_EN_IDIOM = re.compile(
    r"\bnot\s+(?:only|just|merely|simply|least|to\s+mention)\b|\bno\s+(?:doubt|wonder|matter|sooner|stone)\b"
    r"|\bspare[sd]?\s+no\b|\bnone\s+other\b|\bnothing\s+(?:but|more\s+than|less\s+than)\b"
    r"|\b(?:from|out\s+of)\s+nowhere\b"
    # comparatives and set phrases: no more than 5 (5 से अधिक नहीं / केवल 5), not until, why not, never mind,
    # can't help, a no-fly zone (नो-फ्लाई ज़ोन)
    r"|\b(?:no|not)\s+(?:more|less|fewer|later|earlier|greater|better|worse)\s+than\b|\bnot\s+until\b"
    r"|\bwhy\s+not\b|\bnever\s+mind\b|\b(?:can['’]?t|cannot|couldn['’]?t)\s+help\b|\bno-(?!one\b)[a-z]"
    # a formula of politeness: "please don't hesitate to" (निःसंकोच, "feel free"); "few or no symptoms",
    # "mild or even no symptoms", which the Hindi says as के साथ या बिना ("with or without") or with नहीं
    r"|\b(?:do\s+not|don['’]t)\s+hesitate\b|\bor\s+(?:even\s+)?no\b",
    re.IGNORECASE,
)
_EN_LEXICAL_WORDS = frozenset(
    "without unless until fail fails failed failing failure refuse refuses refused refusal deny denies denied denial "
    "reject rejects rejected rejection lack lacks lacked lacking absence absent little few hardly barely rarely "
    "seldom scarcely instead rather avoid avoids avoided prevent prevents prevented ban bans banned stop stops "
    "stopped halt halted cancel cancelled canceled abort aborted otherwise except unable impossible nor thwart "
    "thwarted foil foiled prohibit prohibited forbid forbidden barred barring poorly notwithstanding regardless "
    "refrain refrains refrained ignore ignores ignored ignoring neglect neglects neglected omit omits omitted "
    "exclude excludes excluded excluding exempt exempted forget forgets forgot forgotten miss misses missed quit "
    "cease ceased abandon abandoned lest disagree disagrees disagreed disagreement dislike dislikes disliked "
    "disapprove disapproved disallow disallowed disobey disobeyed distrust disregard disregarded discontinue "
    "discontinued".split()
)
_EN_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")
# in-/dis- also begin income, increase, display: only adjectives count (incorrect, illegal, dishonest)
_ADJECTIVE_ENDINGS = ("able", "ible", "ent", "ant", "al", "ive", "ate", "ar", "ic", "ous", "ure", "ect", "ete", "ful", "ite")
ENGLISH_STEM_MIN_LETTERS = 4
ENGLISH_STEM_ZIPF_MARGIN = 0.5  # impossible (possible is more frequent), not immediate (mediate is far rarer)
# "too filthy to be taught": a negation in a construction (not fit to be taught)
# and "declined to comment", "has yet to decide" (टिप्पणी नहीं की, अभी तक तय नहीं किया)
# and "recommended against their use", "guidance against using" (उपयोग न करने की अनुशंसा)
_EN_NEGATING_CONSTRUCTION = re.compile(r"\btoo\s+[a-z]+\s+to\s+[a-z]|\bdeclin(?:e|es|ed|ing)\s+to\b|\byet\s+to\b"
                        r"|\b(?:recommend|advise|advice|warn|guidance|decide|decision|vote|voted|argue)[a-z]*\s+against\b",
                        re.IGNORECASE)
_EN_SUFFIX_LESS = re.compile(r"^[a-z]{3,}less$")
_NOT_LESS = frozenset("unless bless nevertheless nonetheless wireless countless boundless".split())
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_EN_CLAUSE_BREAK = re.compile(
    r"(?<!\bNo\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bSt\.)(?<![A-Z]\.)(?<=[.?!;:])\s|(?=\b(?:but|because|that|which|who|whom|when|if|while|although|though|whereas|since|unless|"
    r"until|then|so|whether)\b)",
    re.IGNORECASE,
)


def hindi_polarity(text: str) -> Polarity:
    """Plain negations counted once per clause (a list of negated verbs is one), lexical ones each."""
    tokens: list[str] = []
    clauses: list[int] = []
    clause = 0
    questions: list[bool] = []  # the token's sentence ends in "?"
    pieces = _HI_SENTENCE_END.split(normalize_hindi(text))
    for piece, end in zip(pieces[::2], [*pieces[1::2], ""]):
        clause += 1
        for token in hindi_tokens(piece):
            if token in _HI_CLAUSE_WORDS and not (token == _HI_THEN and tokens and tokens[-1] == _HI_NA):  # न तो
                clause += 1
            tokens.append(token)
            clauses.append(clause)
            questions.append(end == "?")
    negated: list[int] = []
    lexical = 0
    for i in range(len(tokens)):
        kind = _hindi_kind(tokens, i, questions)
        if kind == "plain":
            negated.append(clauses[i])
        lexical += kind == "lexical"
    return Polarity(len(set(negated)), lexical, len(negated))


def _hindi_kind(tokens: list[str], i: int, questions: list[bool]) -> str:
    """``plain``, ``lexical`` or "" for the token at ``i`` (``questions``: is each token's sentence a question)."""
    token = tokens[i]
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if token not in _HI_PLAIN:
        if token == _HI_IMPERATIVE_NOT and _imperative(after):
            return "" if before in _HI_WORRY else "plain"  # चिंता मत करो
        if token.endswith(_HI_NAHIN) and len(token) > len(_HI_NAHIN) + 2:  # glued: छोड़नानहीं
            return "plain"
        if token in _HI_QUESTION and (before in _HI_NEED or after in _HI_NEED):  # क्या जरूरत: no need
            return "lexical"
        if token == _HI_HARDLY and after == _HI_ONLY_EMPHASIS:  # शायद ही
            return "lexical"
        return "lexical" if token in _HI_LEXICAL or _hindi_prefixed_negative(token) else ""
    previous = [t for t in tokens[max(0, i - 3): i] if t not in _HI_EMPHASIS]
    if before in _HI_OR or (after == _HI_THEN and token != _HI_NA):  # या नहीं, नहीं तो
        return ""
    if before and before == after:  # कहीं न कहीं, कुछ न कुछ
        return ""
    if before in _HI_THAT and not after:  # आएगा कि नहीं: "whether or not"
        return ""
    if (before in _HI_WORRY and _imperative(after)) or (token == _HI_NA and any(t in _HI_FEAR for t in tokens[:i])):  # चिंता न करें; डर था कि … न
        return ""
    if previous[-1:] and previous[-1] in _HI_MOREOVER:  # यही नहीं, इतना ही नहीं
        return ""
    if token == _HI_NA and (after == _HI_KNOW or _before_that(tokens, i)):  # न जाने कितने; इससे पहले कि ... न
        return ""
    if questions[i] and (i + 1 == len(tokens) or not questions[i + 1]) and token != _HI_NAHIN:  # है ना? a tag
        return ""
    if questions[i] and _HI_WHAT in tokens[max(0, i - 12): i]:  # क्या यह सच नहीं है? a rhetorical question
        return "lexical"
    if before == _HI_WHY or (after == _HI_KE and tokens[i + 2: i + 3] == [_HI_EQUAL]):  # क्यों न; नहीं के बराबर
        return "lexical"
    if after in _HI_ONLY or _HI_BUT in tokens[i + 1: i + 3] or any(t in _HI_ONLY for t in tokens[max(0, i - 4): i]):
        return "lexical"  # न केवल ... बल्कि, देश ही नहीं बल्कि, सिर्फ ... नहीं: "not only"
    if previous and (previous[-1] in _HI_LEXICAL or _hindi_prefixed_negative(previous[-1])):
        return "lexical"  # खत्म नहीं, इनकार भी नहीं: a double negative
    return "plain"


def _before_that(tokens: list[str], i: int) -> bool:
    """Is the token at ``i`` in an इससे पहले कि clause ("before"), whose न is expletive?"""
    return any(tokens[j] == _HI_BEFORE and tokens[j + 1] in _HI_THAT for j in range(max(0, i - 10), i - 1))


def _imperative(word: str) -> bool:
    """करो, करें, कीजिए, जाइए: the verb after a prohibitive मत."""
    return len(word) >= 3 and word.endswith(tuple(normalize_hindi(s) for s in ("ो", "ें", "िए", "िये", "ना")))


@lru_cache(maxsize=16384)
def _hindi_prefixed_negative(token: str) -> bool:
    """असंभव, अनावश्यक, गैरकानूनी, बेरोजगार, नापसंद: a negative prefix on a frequent Hindi word."""
    for prefix in _HI_PREFIXES:
        stem = token[len(prefix):]
        if token.startswith(prefix) and len(stem) >= HINDI_STEM_MIN_LETTERS and stem[0] not in _MATRAS:
            # and more frequent than the prefixed word: not अगले (गले), अतिथि (तिथि), अशोक (शोक)
            stem_zipf = zipf_frequency(stem, "hi")
            if stem_zipf >= HINDI_STEM_ZIPF and stem_zipf > zipf_frequency(token, "hi"):
                return True
    return False


def english_polarity(text: str) -> Polarity:
    """Plain negations counted once per clause ("not one leader, not one leader" is one), lexical ones each."""
    plain = lexical = occurrences = 0
    for clause in _EN_CLAUSE_BREAK.split(text):
        skip = [(m.start(), m.end()) for m in _EN_NEUTRAL.finditer(clause)]
        idioms = [(m.start(), m.end()) for m in _EN_IDIOM.finditer(clause)]
        negated = False
        for m in _EN_PLAIN.finditer(clause):
            if any(a <= m.start() < b for a, b in skip):
                continue
            following = _EN_WORD.match(clause, m.end() + 1)
            if any(a <= m.start() < b for a, b in idioms) or (following and _english_lexical(following.group())):
                # an idiom, or a double negative (not unlike, not without, never unkind)
                lexical += 1
            else:
                negated = True
                occurrences += 1
        plain += negated
        lexical += sum(_english_lexical(w) for w in _EN_WORD.findall(clause)) + len(_EN_NEGATING_CONSTRUCTION.findall(clause))
    return Polarity(plain, lexical, occurrences)


@lru_cache(maxsize=65536)
def _english_lexical(word: str) -> bool:
    """without, refused, unlikely, impossible, illegal, inseparable, non-transferable, careless."""
    low = word.lower()
    if low in _EN_LEXICAL_WORDS or (_EN_SUFFIX_LESS.match(low) and low not in _NOT_LESS):
        return True
    if "-" in low:
        head, _, rest = low.partition("-")
        return head in ("non", "un") and bool(rest)
    for prefix in _EN_PREFIXES:
        stem = low[len(prefix):]
        if not (low.startswith(prefix) and _dictionary_stem(stem)):
            continue
        if prefix in ("un", "non") or low.endswith(("able", "ible")):
            return True
        frequent_stem = zipf_frequency(stem, "en") >= zipf_frequency(low, "en") - ENGLISH_STEM_ZIPF_MARGIN
        return frequent_stem and low.endswith(_ADJECTIVE_ENDINGS)
    return False


def _dictionary_stem(stem: str) -> bool:
    """A dictionary word of 4+ letters, also inflected (seen, changed): not ``ited`` (it + ed), ``ions``."""
    if len(stem) < ENGLISH_STEM_MIN_LETTERS or not is_common_english(stem):
        return False
    bare = re.sub(r"(?:ed|ing|s)$", "", stem)
    return bare == stem or len(bare) >= ENGLISH_STEM_MIN_LETTERS


# A dropped negation is certain only where the English has no negation at all or is this many short;
# where both sides negate and only the counts differ, clauses and renderings align too loosely to say.
CERTAIN_SHORTFALL = 2


@dataclass(frozen=True)
class NegationProblem:
    problem: str  # missing (the source negates, the English does not) | unsupported (the English adds one)
    certain: bool  # False: a count mismatch where both sides negate, reported but not flagged


def negation_problems(source: str, english: str, complete: bool = True) -> list[NegationProblem]:
    """A dropped negation is ``missing``, an added one ``unsupported``."""
    hindi, out = hindi_polarity(source), english_polarity(english)
    problems = []
    # a lexical negation may stand for a plain one of the other side, once the other side's lexical
    # negations have taken theirs (बिना / without)
    if complete and more_negations(hindi, out):
        certain = out.any == 0 or hindi.plain - out.plain >= CERTAIN_SHORTFALL
        problems.append(NegationProblem("missing", certain))
    if more_negations(out, hindi):
        problems.append(NegationProblem("unsupported", True))
    return problems


def more_negations(one: Polarity, other: Polarity) -> bool:
    """Has ``one`` more plain negations than ``other`` can account for, counted per clause and one by one?"""
    spare = max(0, other.lexical - one.lexical)
    return one.plain > other.plain + spare and one.occurrences > other.occurrences + spare
