"""The command line, run as users run it: ``python -m service brief ...`` in a subprocess."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.pipeline.clean import boilerplate_rule, clean_article
from service.pipeline.ingest import ingest
from service.pipeline.segment import split_sentences
from service.pipeline.select import bullet_count
from tests.corpus import corpus_articles, corpus_path

# Tell-tale pieces of the shared corpus's site furniture (see tests/pipeline/test_clean.py).
BOILERPLATE_MARKERS = ("author-image", "Advertisment", "New Update", "पढ़ें-", "Home /", "READ MORE")

REPO = Path(__file__).resolve().parents[1]
ARTICLE = corpus_path("article-01")


def run_cli(*args, stdin=None, model=None):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if model:
        env["BRIEFS_MODEL"] = str(model)
    return subprocess.run(
        [sys.executable, "-m", "service", *args], cwd=REPO, input=stdin, capture_output=True, env=env, timeout=180
    )


@pytest.mark.parametrize("article", [p.stem for p in corpus_articles()])
def test_brief_json_of_each_shared_article_has_no_boilerplate(tiny_models, article):
    result = run_cli("brief", str(corpus_path(article)), "--json", "--bullets", "3", model=tiny_models["marian"])
    assert result.returncode == 0, result.stderr.decode()
    brief = json.loads(result.stdout)
    assert len(brief["bullets"]) == 3 and brief["mode"] == "extractive" and brief["language"] == "hi"
    story = [s["text"] for s in brief["sentences"]]
    assert story and not [line for line in story if boilerplate_rule(line, "hi")]
    assert not [line for line in story if any(marker in line for marker in BOILERPLATE_MARKERS)]


def test_brief_for_a_person_reads_stdin(tiny_models):
    result = run_cli("brief", "-", stdin=ARTICLE.read_bytes(), model=tiny_models["marian"])
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    story = split_sentences(clean_article(ingest(ARTICLE.read_bytes()).text, "hi").paragraphs)
    assert sum(line.startswith("- ") for line in lines) == bullet_count(story, 5)  # the automatic count
    assert "extractive" in lines[-1]


def test_bad_input_is_one_line_and_exit_2(tiny_models):
    result = run_cli("brief", "-", stdin=b"   ", model=tiny_models["marian"])
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and result.stderr.startswith(b"error: ")


def test_romanized_hindi_exits_4_and_says_what_to_send(tiny_models):
    text = "Videsh mantri S Jaishankar ne Moscow mein Russian samkaksh Sergey Lavrov se mulakat ki."
    result = run_cli("brief", "-", stdin=text.encode(), model=tiny_models["marian"])
    assert result.returncode == 4 and result.stdout == b""
    assert b"Devanagari" in result.stderr


def test_missing_file(tiny_models):
    result = run_cli("brief", "/nonexistent/article.txt", model=tiny_models["marian"])
    assert result.returncode == 2 and b"cannot read" in result.stderr


def test_missing_model_says_how_to_fix_it_without_a_traceback():
    result = run_cli("brief", str(ARTICLE), model="Helsinki-NLP/opus-mt-hi-en")
    err = result.stderr.decode()
    assert result.returncode == 3
    assert "Traceback" not in err
    assert "prefetch" in err and "Helsinki-NLP/opus-mt-hi-en" in err


def test_config_lists_every_variable():
    result = run_cli("config")
    assert result.returncode == 0 and b"BRIEFS_MODEL" in result.stdout and b"BRIEFS_DATA_DIR" in result.stdout
