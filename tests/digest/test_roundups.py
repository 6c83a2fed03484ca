"""Wire roundups are split into their items; normal articles, with one dateline or many dates, never are."""
from __future__ import annotations

import json
from datetime import date

import pytest

from service.digest import roundups
from service.digest.articles import Article
from service.digest.dates_eval import DEFAULT_DATA

ROWS = [json.loads(line) for line in DEFAULT_DATA.read_text(encoding="utf-8").splitlines()]
ROUNDUPS = [r for r in ROWS if r.get("roundup")]
NORMAL = [r for r in ROWS if not r.get("roundup")]


@pytest.mark.parametrize("row", ROUNDUPS, ids=lambda r: r["id"])
def test_public_bhasha_roundups_split_into_every_slugged_item(row):
    items = roundups.split_roundup(row["text"])
    assert items is not None and len(items) == row["expected_items"]
    assert all(len(item.text) >= roundups.MIN_ITEM_CHARS for item in items)
    assert not any("इस प्रकार" in item.text[:200] for item in items)  # the introduction is not an item


def test_no_public_article_is_split_by_mistake():
    assert [r["id"] for r in NORMAL if roundups.split_roundup(r["text"])] == []


def test_the_teaser_of_a_roundup_is_not_counted_twice():
    row = next(r for r in ROUNDUPS if r["id"] == "ryd-nt-2020-mar-20-roundup")
    teaser_first = row["text"]  # headline, the page's 500-character teaser, then the full copy
    assert len(roundups.drop_teasers(teaser_first)) < len(teaser_first)
    assert len(roundups.split_roundup(teaser_first)) == len(roundups.split_roundup(roundups.drop_teasers(teaser_first)))


def test_line_broken_wire_copy_splits_and_keeps_each_items_headline():
    row = next(r for r in ROUNDUPS if r["id"] == "ryd-nt-2020-mar-04-roundup")
    glued = roundups.drop_teasers(row["text"]).splitlines()[-1]
    # The same copy as the agency sends it: slug line, headline line, dateline and story.
    broken = glued.replace(" दि93 स्वास्थ्य मंत्रालय लीड कोरोना ", "\nदि93 स्वास्थ्य मंत्रालय लीड कोरोना\n")
    broken = broken.replace(": हर्षवर्धन नयी दिल्ली, ", ": हर्षवर्धन\nनयी दिल्ली, ")
    items = roundups.split_roundup(broken)
    assert items is not None and len(items) == row["expected_items"]
    assert items[0].title == "भारत में कोरोना वायरस से संक्रमण के अब तक 28 मामलों की पुष्टि हुई : हर्षवर्धन"
    assert items[0].text.startswith("नयी दिल्ली, केंद्रीय स्वास्थ्य मंत्री")


STORY = "केंद्र सरकार ने बुधवार को नई योजना की घोषणा की और कहा कि इससे लाखों किसानों को सीधा लाभ मिलेगा। " * 2


def test_independent_datelines_or_markers_split_but_one_dateline_or_sports_numbers_never_do():
    two = f"पटना, 12 मार्च (भाषा) {STORY}\nलखनऊ, 12 मार्च (भाषा) {STORY}"
    assert len(roundups.split_roundup(two)) == 2
    marked = f"{STORY}\n---\n{STORY}\n* * *\n{STORY}"
    assert len(roundups.split_roundup(marked)) == 3
    assert roundups.split_roundup(f"नयी दिल्ली, 12 मार्च (भाषा) {STORY}\n{STORY}\n{STORY}") is None
    cricket = (f"भारत ने टी20 सीरीज जीती। टी20 में कोहली ने 50 रन बनाए और एन95 मास्क पहनकर जी20 के मेहमान आए। {STORY}"
               f" टी20 विश्व कप की तैयारी है। सुपर30 के छात्र भी पहुंचे। {STORY}")
    assert roundups.split_roundup(cricket) is None


def test_split_articles_gives_each_item_an_id_the_roundups_date_and_leaves_others_alone():
    row = next(r for r in ROUNDUPS if r["id"] == "ryd-nt-2020-may-13-roundup")
    plain = Article(id="plain", data=STORY, format="text", source="Hindustan")
    wire = Article(id="wire", data=row["text"], format="text", source="Navbharat Times", url="https://nbt.example/w")
    out = roundups.split_articles([plain, wire], date(2020, 5, 13))
    assert out[0] is plain
    assert [a.id for a in out[1:]] == [f"wire#{n}" for n in range(1, row["expected_items"] + 1)]
    assert {(a.published, a.roundup, a.source, a.format) for a in out[1:]} == {("2020-05-13", "wire", "Navbharat Times", "text")}
