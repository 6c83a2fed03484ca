"""Precision and recall of the faithfulness guard on a labelled set built from the shared corpus.

Correct pairs are the reference translations; each planted pair changes one fact of one of them:
a number (+1, or a digit dropped), a month swapped for another, or a name swapped for a name from
another story. The numbers this prints are the ones docs/quality.md reports.
"""
import re

from service.quality.faithfulness import check_faithfulness
from service.quality.names import article_names
from service.quality.references import load_references
from tests.quality.conftest import REFERENCES

MONTHS = {"November": "December", "December": "November", "July": "June", "March": "May"}
NAMES = {"Jaishankar": "Shoigu", "Lavrov": "Zelensky", "Putin": "Trump", "Modi": "Gandhi", "Astana": "Tashkent",
         "Moscow": "Kyiv", "Zakharova": "Nabiullina", "Jaiswal": "Bagchi", "Kazakhstan": "Mongolia"}


def plant(english: str) -> list[tuple[str, str]]:
    """(kind, changed English) for each fact of ``english`` that can be changed."""
    out = []
    if m := re.search(r"\d+", english):
        digits = m.group()
        changed = str(int(digits) + 1) if len(digits) < 2 else digits[:-1]
        out.append(("number", english[: m.start()] + changed + english[m.end():]))
    for month, other in MONTHS.items():
        if month in english:
            out.append(("month", english.replace(month, other)))
            break
    for name, other in NAMES.items():
        if name in english:
            out.append(("name", english.replace(name, other)))
            break
    return out


def labelled_set():
    items = []
    for ref in load_references(REFERENCES):
        names = article_names([p.hindi for p in ref.sentences])
        for pair in ref.sentences:
            items.append((pair.hindi, pair.english, names, False, "correct"))
            items += [(pair.hindi, changed, names, True, kind) for kind, changed in plant(pair.english)]
    return items


def test_guard_precision_and_recall():
    items = labelled_set()
    tp = fp = fn = tn = 0
    for hindi, english, names, wrong, _ in items:
        flagged = not check_faithfulness(hindi, english, known_names=names).passed
        tp += flagged and wrong
        fp += flagged and not wrong
        fn += (not flagged) and wrong
        tn += (not flagged) and not wrong
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nlabelled pairs: {len(items)} ({tp + fn} planted errors); precision {precision:.3f}, recall {recall:.3f}")
    assert tp + fn >= 30 and len(items) >= 60
    assert precision >= 0.95 and recall >= 0.9
