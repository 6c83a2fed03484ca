"""Publication dates: metadata first, then a stamp or dateline the text marks as its own, else unknown."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from service.digest import dates_eval, publication
from service.digest.articles import read_folder
from service.digest.stories import BriefedArticle

RUN = date(2026, 3, 12)
STORY = "केंद्र सरकार ने बुधवार को नई योजना की घोषणा की और कहा कि इससे लाखों किसानों को सीधा लाभ मिलेगा।"


def test_a_table_row_is_not_a_publication_date():
    text = f"राज्यों में मामले\n\nराज्य\tतारीख\n9 मार्च\t1941\n10 मार्च\t2019\n\n{STORY}"
    found = publication.choose(text, reference=RUN)
    assert found.value is None and found.how == "unknown" and found.note


def test_a_date_in_the_body_or_a_quoted_past_event_is_not_one():
    body = f"{STORY}\nउन्होंने याद दिलाया कि 30 जून 2019 को हुई बैठक में यही वादा किया गया था।\nपिछले साल, 30 जून को भी यही हुआ।"
    assert publication.choose(body, reference=RUN).value is None
    quoted = f"‘‘नई दिल्ली, 12 मार्च 2019 को हमने कहा था’’ - मंत्री\n{STORY}"
    assert publication.choose(quoted, reference=RUN).value is None


def test_no_date_anywhere_is_unknown_and_says_so():
    found = publication.choose(STORY, reference=RUN)
    assert (found.value, found.how) == (None, "unknown") and "no publication date" in found.note


def test_a_dateline_gives_the_day_and_the_run_date_the_year():
    assert publication.choose(f"नयी दिल्ली, 11 मार्च (भाषा) {STORY}", reference=RUN).value == date(2026, 3, 11)
    assert publication.choose(f"नयी दिल्ली, चार मार्च (भाषा) {STORY}", reference=RUN).value == date(2026, 3, 4)
    assert publication.choose(f"(अनवारुल हक) लखनऊ, 10 मार्च 2026 (भाषा) {STORY}", reference=RUN).value == date(2026, 3, 10)
    january = publication.choose(f"पटना, 28 दिसंबर (वार्ता) {STORY}", reference=date(2026, 1, 2))
    assert january.value == date(2025, 12, 28) and january.how == "dateline"


def test_an_old_or_future_text_date_is_set_aside_but_a_labelled_stamp_is_kept_however_old():
    old = publication.choose(f"नयी दिल्ली, 12 जनवरी 2024 (भाषा) {STORY}", reference=RUN)
    assert old.value is None and "set aside" in old.note
    future = publication.choose(f"Updated: Mar 20, 2026 10:00 AM\n{STORY}", reference=RUN)
    assert future.value is None
    stamped = publication.choose(f"शीर्षक\n  • Publish Date - September 9, 2020 / 07:36 PM IST,\n{STORY}", reference=RUN)
    assert (stamped.value, stamped.how) == (date(2020, 9, 9), "stamp")


def test_a_date_line_needs_a_time_or_a_label_to_be_a_stamp():
    widget = f"30.1 C\nNew Delhi\nSaturday, 21 September, 2024\nशीर्षक यहां\n{STORY}"
    assert publication.choose(widget, reference=date(2024, 9, 21)).value is None
    timed = f"शीर्षक यहां\nSaturday, Mar 04, 2023 - 01:28 AM (IST)\n{STORY}"
    assert publication.choose(timed, reference=date(2023, 3, 4)).value == date(2023, 3, 4)


def test_metadata_wins_and_a_future_one_is_refused():
    text = f"नयी दिल्ली, 11 मार्च (भाषा) {STORY}"
    assert publication.choose(text, given="2026-03-10T22:00:00+05:30", reference=RUN).how == "given"
    refused = publication.choose(text, given="2026-04-01", reference=RUN)
    assert (refused.value, refused.how) == (date(2026, 3, 11), "dateline") and "given date 2026-04-01 set aside" in refused.note


def test_html_dates_come_from_the_markup_never_from_the_body_text():
    head = ('<meta property="article:published_time" content="2026-03-10T09:30:00+05:30">'
            '<meta property="article:modified_time" content="2026-03-11T18:00:00+05:30">')
    body = "<body><article><p>30 जून 2019 को हुई बैठक 2019-06-30 में यह तय हुआ।</p></article></body>"
    with_meta = publication.choose(STORY, html=f"<html><head>{head}</head>{body}</html>", reference=RUN)
    assert (with_meta.value, with_meta.how) == (date(2026, 3, 10), "html")  # the original date, not the modified one
    assert publication.choose(STORY, html=f"<html><head></head>{body}</html>", reference=RUN).value is None
    from_url = publication.choose(STORY, url="https://news.example/2026/03/09/story", reference=RUN)
    assert (from_url.value, from_url.how) == (date(2026, 3, 9), "url")


def test_a_files_modification_time_is_never_used(tmp_path: Path):
    path = tmp_path / "amarujala-01.txt"
    path.write_text(STORY, encoding="utf-8")
    os.utime(path, (1_773_000_000, 1_773_000_000))  # 2026-03-08
    article = read_folder(tmp_path)[0]
    assert BriefedArticle(article, {}, RUN).publication.value is None


def test_held_out_dates_are_wrong_at_most_two_percent():
    items = [i for i in dates_eval.load() if i.split == "heldout"]
    assert len({i.outlet for i in dates_eval.load()}) >= 8 and len(dates_eval.load()) >= 150
    nightly = dates_eval.table(dates_eval.judge(items, True))  # the digest's setting: --date is the articles' day
    assert nightly["wrong"] <= 0.02 * nightly["articles"], nightly
    # Without a run date nothing bounds an "Updated" stamp: one held-out page updated two days after it was
    # published reads wrong there (2.1%); measured, not tuned away (docs/nightly.md).
    no_window = dates_eval.table(dates_eval.judge(items, False))
    assert no_window["wrong"] <= 0.03 * no_window["articles"], no_window
    assert dates_eval.table(dates_eval.judge(items, True))["right"] >= 3  # stamps and datelines are read, not ignored


def test_eval_dates_prints_the_table(capsys):
    from service.cli import main

    assert main(["eval-dates", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"nightly", "no run date", "previous method"}
    assert figures["nightly"]["heldout"]["articles"] == len([i for i in dates_eval.load() if i.split == "heldout"])
