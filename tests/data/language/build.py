"""Rebuild the romanized-Hindi files here and the shipped lexicon from a git mirror (not run by the tests).

    python tests/data/language/build.py CODE_MIXED_MT_GIT

The argument is a git directory of ``yash9439/Code-Mixed-Machine-Translation``, which redistributes
the Hindi part of Google's Dakshina dataset (commit ``DAKSHINA_COMMIT``) and, later, the CMU
Hinglish DoG and Hinglish-TOP code-mixed sets (commit ``CODE_MIXED_COMMIT``). Writes:

* ``service/pipeline/romanized_hindi.tsv``: word and count of the words seen twice or more in the
  Dakshina *dev* romanized sentences (lowercased, letters only), the lexicon ``romanized.py`` uses;
* here, the held-out evaluation sets (first 1,000 lines each): ``dakshina-test.txt`` (Dakshina
  *test* romanized sentences), ``hinglish-dog-dev.txt`` (CMU Hinglish DoG dev split, code-mixed
  column; its test split has no Hinglish side), ``hinglish-top-test.txt`` (Hinglish-TOP human test, code-mixed column);
* ``hinglish-dog-train.txt``: 1,000 code-mixed lines of the DoG *train* split, the tuning set.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

DAKSHINA_COMMIT = "7c66c3d72baf08bd9bb973308fd5871b0cfc81e2"
CODE_MIXED_COMMIT = "5b7e8f0db58e4c7e4e65162148823ae97f83e2d0"
HERE = Path(__file__).resolve().parent
LEXICON = HERE.parents[2] / "service" / "pipeline" / "romanized_hindi.tsv"
SAMPLE = 1000


def show(git_dir: str, commit: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True,
                         capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def write(name: str, lines: list[str]) -> None:
    (HERE / name).write_text("\n".join(lines[:SAMPLE]) + "\n", encoding="utf-8")


def main(git_dir: str) -> None:
    dev = show(git_dir, DAKSHINA_COMMIT, "hi/romanized/hi.romanized.rejoined.dev.roman.txt")
    counts = Counter(w for line in dev for w in re.findall(r"[a-z]+", line.lower()))
    header = ("# Romanized Hindi word counts: Dakshina v1.0 hi dev romanized sentences (CC BY-SA 4.0),\n"
              "# built by tests/data/language/build.py; see tests/data/language/README.md.\n")
    LEXICON.write_text(header + "".join(f"{w}\t{n}\n" for w, n in counts.most_common() if n > 1), encoding="utf-8")
    write("dakshina-test.txt", show(git_dir, DAKSHINA_COMMIT, "hi/romanized/hi.romanized.rejoined.test.roman.txt"))
    dog = lambda split: [l.split("\t")[1] for l in show(git_dir, CODE_MIXED_COMMIT, f"mt_enghinglish/{split}.txt")
                         if "\t" in l and l.split("\t")[1].strip()]
    write("hinglish-dog-dev.txt", dog("dev"))
    write("hinglish-dog-train.txt", dog("train"))
    top = show(git_dir, CODE_MIXED_COMMIT, "Google_HtopDataset/Human Annotated Data/test.tsv")[1:]
    write("hinglish-top-test.txt", [row.split("\t")[1] for row in top])


if __name__ == "__main__":
    main(sys.argv[1])
