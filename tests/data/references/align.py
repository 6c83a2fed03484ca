"""Re-align the reference files with today's cleaning and segmentation.

Run ``python tests/data/references/align.py`` after a change to ``clean`` or ``segment``: each
file's ``sentences`` are rebuilt from the pipeline's sentences, keeping every English reference
whose Hindi sentence is unchanged; new or changed sentences get ``"english": ""`` and are listed,
to be translated by hand.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from service.pipeline.clean import clean_article  # noqa: E402
from service.pipeline.segment import split_sentences  # noqa: E402


def realign(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {" ".join(p["hindi"].split()): p["english"] for p in data["sentences"]}
    clean = clean_article(data["article"], "hi")
    sentences = [s.text for s in split_sentences(clean.paragraphs)]
    data["sentences"] = [{"hindi": h, "english": known.get(" ".join(h.split()), "")} for h in sentences]
    if clean.headline != data["headline"]["hindi"]:
        data["headline"] = {"hindi": clean.headline, "english": ""}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [p["hindi"] for p in data["sentences"] if not p["english"]]


if __name__ == "__main__":
    for file in sorted(Path(__file__).parent.glob("article-*.json")):
        for hindi in realign(file):
            print(f"{file.name}: needs a translation: {hindi}")
