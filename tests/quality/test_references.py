"""The shipped references still line up with today's cleaning and segmentation of the shared corpus."""
import json

import pytest

from service.pipeline.clean import clean_article
from service.pipeline.segment import split_sentences
from tests.quality.conftest import REFERENCES

FILES = sorted(REFERENCES.glob("article-*.json"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_reference_aligns_with_the_pipeline(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    clean = clean_article(data["article"], "hi")
    hindi = [s.text for s in split_sentences(clean.paragraphs)]
    assert hindi == [pair["hindi"] for pair in data["sentences"]], "re-run tests/data/references/align.py"
    assert clean.headline == data["headline"]["hindi"]
    assert 3 <= len(data["brief"]) <= 5
    assert all(pair["english"].strip() for pair in data["sentences"])


def test_five_articles_are_shipped():
    assert len(FILES) == 5
