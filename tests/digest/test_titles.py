"""Every story gets an English headline; every source line an outlet and a title (or first words)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from service.digest import titles
from service.digest.articles import Article, read_jsonl
from service.digest.dates_eval import DEFAULT_DATA
from service.digest.digest import assemble
from service.digest.render import render_html, render_markdown
from service.digest.slack import blocks

LEAD = "The Centre announced a new scheme on Wednesday, saying it would benefit lakhs of farmers across the country directly"


def _brief(title=None, title_source=None, bullets=(), mode="extractive", first="पहला वाक्य यहां है और आगे भी कुछ शब्द हैं जो लंबे हैं।"):
    return {
        "title": title, "title_source": title_source, "mode": mode,
        "bullets": [{"text": text, "source_indexes": [i], "source_text": f"वाक्य {i}"} for i, text in bullets],
        "sentences": [{"index": 0, "text": first, "paragraph": 0}],
    }


def test_lead_headlines_are_cut_at_a_clause_boundary():
    assert titles.shorten_lead(LEAD) == ("The Centre announced a new scheme on Wednesday", True)
    assert titles.shorten_lead("Ten people died in a fire in Delhi.") == ("Ten people died in a fire in Delhi", False)
    no_break = " ".join(["word"] * 20)
    assert titles.shorten_lead(no_break) == (" ".join(["Word"] + ["word"] * 11) + "…", True)


def test_english_titles_given_with_the_input_are_used_when_they_read_as_a_phrase():
    assert titles.phrase_title("arnab goswami said to barc ex ceo before air strike something big will happen") == (
        "Arnab goswami said to barc ex ceo before air strike something big will happen")
    assert titles.phrase_title("rajnath-singh-says-about-coronavirus-vaccination-of-modi-govt-ministers-829567").startswith("Rajnath singh says about")
    assert titles.phrase_title("delhi corona vaccination programme coronavirus covid 19 side effect covishield covaxin") is None
    assert titles.phrase_title("चीन में आइसक्रीम पर पाया गया Coronavirus") is None  # Hindi: the pipeline translates it


def test_the_best_titled_article_gives_the_headline():
    untitled = (Article("a", "x", "text"), _brief(bullets=[(0, LEAD)]))
    short = (Article("b", "x", "text"), _brief("Fire kills ten", "आग", [(0, "Fire.")]))
    good = (Article("c", "x", "text"), _brief("Fire in Delhi kills ten people", "दिल्ली में आग", [(0, "Ten died.")]))
    assert titles.story_headline([untitled, short, good]) == ("Fire in Delhi kills ten people", None)
    assert titles.story_headline([untitled, short]) == ("Fire kills ten", None)


def test_an_untitled_story_is_headed_by_its_lead_and_the_lead_bullet_is_not_repeated():
    whole = "Ten people died in a fire in Delhi."
    members = [(Article("a", "x", "text"), _brief(bullets=[(3, "Firemen took two hours."), (0, whole)]))]
    assert titles.story_headline(members) == ("Ten people died in a fire in Delhi", whole)
    shortened = [(Article("a", "x", "text"), _brief(bullets=[(0, LEAD)]))]
    assert titles.story_headline(shortened) == ("The Centre announced a new scheme on Wednesday", None)
    translated = [(Article("a", "x", "text"), _brief(bullets=[(0, whole)], mode="translate"))]
    assert titles.story_headline(translated) == ("Ten people died in a fire in Delhi", None)


def test_source_lines_name_the_outlet_and_a_title_never_only_an_id():
    brief = _brief(bullets=[(0, LEAD)])
    by_field = titles.source_entry(Article("x1", "t", "text", source="BBC Hindi"), brief, None, "unknown")
    by_host = titles.source_entry(Article("x2", "t", "text", url="https://www.amarujala.com/a/b"), brief, "2026-03-01", "given")
    by_file = titles.source_entry(Article("prabhat-khabar-07", "t", "text", origin="prabhat-khabar"), brief, None, "unknown")
    assert [e["source"] for e in (by_field, by_host, by_file)] == ["BBC Hindi", "amarujala.com", "prabhat-khabar"]
    assert by_field["title"] == "पहला वाक्य यहां है और आगे भी कुछ…" and by_field["untitled"]
    titled = titles.source_entry(Article("x3", "t", "text", title="देश / दिल्ली में आग"), _brief("Fire in Delhi", "दिल्ली में आग"),
                                 None, "unknown")
    assert (titled["title"], titled["title_en"], titled["untitled"]) == ("दिल्ली में आग", "Fire in Delhi", False)  # the clean title


def test_jsonl_english_slug_titles_are_kept_out_of_the_text(tmp_path: Path):
    rows = [json.loads(line) for line in DEFAULT_DATA.read_text(encoding="utf-8").splitlines() if '"gnews-' in line]
    path = tmp_path / "api-snippets.jsonl"
    path.write_text("\n".join(json.dumps({k: r[k] for k in ("id", "title", "url", "text")}, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    articles, problems = read_jsonl(path)
    assert not problems and len(articles) == len(rows) == 10
    for article, row in zip(articles, rows):
        hindi_title = any("\u0900" <= ch <= "\u097f" for ch in row["title"])
        assert article.data.startswith(row["title"]) == hindi_title  # only a Hindi title goes to the cleaner
        assert titles.outlet(article) in {"zeenews.india.com", "abplive.com", "jansatta.com", "hindi.news18.com", "bhaskar.com"}


def test_every_story_in_every_format_has_a_headline_and_named_sources():
    articles = [
        Article("bbc-1", "x", "text", origin="bbc"),
        Article("api-1", "x", "text", title="arnab goswami said to barc ex ceo before air strike something big will happen",
                url="https://www.jansatta.com/national/a/1616388/", published="2021-01-17"),
        Article("page-1", "x", "text", title="दिल्ली में आग", source="Amar Ujala"),
    ]
    records = {
        "bbc-1": {"status": "ok", "brief": _brief(bullets=[(0, "Ten people died in a fire in Delhi."), (2, "Firemen took two hours.")],
                                                  first="दिल्ली में आग लगने से दस लोगों की मौत हो गई और कई घायल हुए।")},
        "api-1": {"status": "ok", "brief": _brief(bullets=[(0, "Chats between two men went viral on social media.")],
                                                  first="व्हाट्सएप चैट सोशल मीडिया पर वायरल हो रहे हैं।")},
        "page-1": {"status": "ok", "brief": _brief("Fire in Delhi market", "दिल्ली में आग", [(0, "A market burned on Sunday.")],
                                                   first="रविवार को बाजार जल गया।")},
    }
    digest = assemble("2021-01-17", "extractive", "tiny", articles, records, [], 3)
    for story in digest.stories:
        assert story.headline and story.headline not in story.bullets[:1]
        for source in story.sources:
            assert source["source"] and source["title"] and source["title"] != source["id"]
    markdown, html = render_markdown(digest), render_html(digest)
    text, slack = blocks(digest)
    slack_text = json.dumps(slack, ensure_ascii=False)
    for name in ("bbc", "jansatta.com", "Amar Ujala"):
        assert name in markdown and name in html and name in slack_text
    assert "date unknown" in markdown and "2021-01-17" in markdown
    headlines = {s.headline for s in digest.stories}
    assert "Arnab goswami said to barc ex ceo before air strike something big will happen" in headlines
    assert {h for h in headlines if h.startswith("Fire in Delhi market") or h.startswith("Ten people died")}


def _rows(*ids: str) -> list[dict]:
    rows = {r["id"]: r for r in map(json.loads, DEFAULT_DATA.read_text(encoding="utf-8").splitlines())}
    return [rows[i] for i in ids]


def test_a_whole_nightly_run_of_mixed_input_titles_every_story_and_names_every_source(run_nightly, tmp_path: Path):
    folder = tmp_path / "day"
    folder.mkdir()
    bbc, page, roundup = _rows("page-bbc-100429", "page-punjabkesari-75", "ryd-nt-2020-may-13-roundup")
    (folder / "bbc-hindi-01.txt").write_text(bbc["text"], encoding="utf-8")
    (folder / "nbt-wire-02.txt").write_text(roundup["text"], encoding="utf-8")
    (folder / "punjabkesari-03.html").write_text(
        '<html><head><meta property="article:published_time" content="2020-02-01T11:32:00+05:30"><title>बजट भाषण</title></head>'
        "<body><article>" + "".join(f"<p>{line}</p>" for line in page["text"].splitlines() if line.strip()) + "</article></body></html>",
        encoding="utf-8")
    jsonl = tmp_path / "api.jsonl"
    jsonl.write_text("\n".join(json.dumps({k: r.get(k) for k in ("id", "title", "url", "text", "published")}, ensure_ascii=False)
                               for r in _rows("gnews-jansatta-1616388", "gnews-zee-829519", "gnews-abp-1727509")), encoding="utf-8")
    for name, source in (("folder", folder), ("jsonl", jsonl)):
        out = tmp_path / name
        done = run_nightly("--input", str(source), "--out", str(out), "--date", "2020-05-13", "--bullets", "2")
        assert done.returncode == 0, done.stderr
        digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
        markdown = (out / "digest.md").read_text(encoding="utf-8")
        assert digest["stories"]
        for story in digest["stories"]:
            ids = {s["id"] for s in story["sources"]}
            assert story["headline"].strip() and story["headline"] not in ids
            assert story["headline"] != (story["bullets"] or [None])[0]  # never just the first bullet again
            for s in story["sources"]:
                assert s["source"] and s["title"] and s["title"] != s["id"]
                assert s["source"] in markdown
    folder_digest = json.loads((tmp_path / "folder" / "digest.json").read_text(encoding="utf-8"))
    sources = {s["id"]: s for story in folder_digest["stories"] for s in story["sources"]}
    assert len([i for i in sources if i.startswith("nbt-wire-02#")]) == roundup["expected_items"]  # the roundup, split
    assert sources["nbt-wire-02#1"]["published"] == "2020-05-13" and sources["nbt-wire-02#1"]["source"] == "nbt-wire"
    assert (sources["punjabkesari-03"]["published"], sources["punjabkesari-03"]["published_from"]) == ("2020-02-01", "html")
    assert sources["bbc-hindi-01"]["published"] is None and sources["bbc-hindi-01"]["source"] == "bbc-hindi"
    api = {s["id"]: s for story in json.loads((tmp_path / "jsonl" / "digest.json").read_text(encoding="utf-8"))["stories"]
           for s in story["sources"]}
    assert api["gnews-jansatta-1616388"]["source"] == "jansatta.com"
    assert api["gnews-jansatta-1616388"]["title"] == "arnab goswami said to barc ex ceo before air strike something big will happen"
