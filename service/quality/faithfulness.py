"""Does an English bullet keep the numbers, dates and names of the Hindi sentence(s) it came from?

Two directions:

* recall (translations and extractive bullets only, ``complete=True``): every number, month,
  weekday and name found in the source must appear in the English;
* support (every mode): every number written in digits, month, weekday and non-dictionary
  capitalized name in the English must come from the source. This is what catches a changed
  number or a swapped name in an abstractive summary, which may leave facts out.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from service.quality.dates import english_dates, hindi_dates
from service.quality.names import article_names, english_names, entity_found, name_supported, source_entities
from service.quality.numbers import english_numbers, hindi_numbers, number_key
from service.quality.terms import TermIndex, term_checks


@dataclass
class Check:
    kind: str  # number | date | entity
    value: str
    ok: bool
    problem: str = ""  # missing (in the English) | unsupported (not in the source)


@dataclass
class FaithfulnessResult:
    checks: list[Check] = field(default_factory=list)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def passed(self) -> bool:
        return not self.failures

    def warnings(self) -> list[str]:
        messages = {"missing": "{kind} {value} in the source is missing", "unsupported": "{kind} {value} is not in the source"}
        return [messages[c.problem].format(kind=c.kind, value=c.value) for c in self.failures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "checked": [asdict(c) for c in self.checks if c.ok],
            "failed": [asdict(c) for c in self.failures],
        }


def check_faithfulness(
    source: str, english: str, *, complete: bool = True, known_names: set[str] | None = None,
    glossary: TermIndex | None = None,
) -> FaithfulnessResult:
    """Check ``english`` against its Hindi ``source``.

    ``known_names`` are the article's title-led names (``article_names``); by default they are
    learnt from ``source`` alone. ``glossary`` terms in the source are names too: the English must
    render them, and their renderings are supported names (``terms.term_checks``).
    """
    names = article_names([source]) if known_names is None else known_names
    result = FaithfulnessResult()
    result.checks += _numbers(source, english, complete)
    result.checks += _dates(source, english, complete)
    result.checks += _entities(source, english, complete, names, glossary)
    return result


def _numbers(source: str, english: str, complete: bool) -> list[Check]:
    src = {number_key(v) for v in hindi_numbers(source)}
    out_all = {number_key(v) for v in english_numbers(english)}
    out_digits = {number_key(v) for v in english_numbers(english, digits_only=True)}
    checks = []
    if complete:
        checks += [Check("number", k, k in out_all, "" if k in out_all else "missing") for k in sorted(src)]
    checks += [Check("number", k, False, "unsupported") for k in sorted(out_digits - src)]
    if not complete:
        checks += [Check("number", k, True) for k in sorted(out_digits & src)]
    return checks


def _dates(source: str, english: str, complete: bool) -> list[Check]:
    src, out = Counter(hindi_dates(source)), Counter(english_dates(english))
    checks = []
    if complete:
        checks += [Check("date", d, d in out, "" if d in out else "missing") for d in sorted(src)]
    checks += [Check("date", d, False, "unsupported") for d in sorted(set(out) - set(src))]
    if not complete:
        checks += [Check("date", d, True) for d in sorted(set(out) & set(src))]
    return checks


def _entities(source: str, english: str, complete: bool, names: set[str], glossary: TermIndex | None = None) -> list[Check]:
    checks = []
    terms = term_checks(source, english, glossary)
    if complete:
        checks += [Check("entity", label, found, "" if found else "missing") for label, found in terms.found]
        for entity in source_entities(source, names):
            if entity.hindi in terms.covered_tokens:
                continue
            label = f"{entity.hindi} ({entity.english})" if entity.english and entity.english != entity.hindi else entity.hindi
            found = entity_found(entity, english)
            checks.append(Check("entity", label, found, "" if found else "missing"))
    seen: set[str] = set()
    for name in english_names(english):
        if name in seen:
            continue
        seen.add(name)
        if name.lower() in terms.supported_words or name_supported(name, source):
            if not complete:
                checks.append(Check("entity", name, True))
        else:
            checks.append(Check("entity", name, False, "unsupported"))
    return checks
