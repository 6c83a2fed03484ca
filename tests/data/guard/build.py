"""Rebuild ``heldout.jsonl`` and ``dev-tico19.jsonl`` from git mirrors of public repositories (not run by the tests).

    python tests/data/guard/build.py OPUS_MT_TESTSETS_GIT CTQSCORER_GIT > tests/data/guard/heldout.jsonl
    python tests/data/guard/build.py --tico OPUS_MT_TESTSETS_GIT > tests/data/guard/dev-tico19.jsonl

Each argument is a git directory (bare or not) of ``Helsinki-NLP/OPUS-MT-testsets`` and
``AI4Bharat/CTQScorer``; files are read at the commits named below with ``git show``.
Lines are kept verbatim (outer whitespace stripped); a line pair with an empty side is skipped.
"""
from __future__ import annotations

import json
import subprocess
import sys

OPUS_COMMIT = "ac0f19c0be3cb4e0d9450fcb2d7a9847c4bdd180"
CTQ_COMMIT = "306b01981744bb3892aaa9fe516104765480282e"
NTREX = "datasets/microsoft/ntrex/NTREX"


def lines(git_dir: str, commit: str, path: str) -> list[str]:
    text = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout
    return [line.strip() for line in text.splitlines()]


def pairs(name, hi, en, source, docs, orig, domain):
    for i, (h, e) in enumerate(zip(hi, en, strict=True), start=1):
        if h and e:
            yield {"hi": h, "en": e, "set": name, "source": source, "line": i, "doc": docs[i - 1] if docs else None,
                   "orig": orig, "domain": domain}


def tico(opus: str) -> None:
    """TICO-19 test, English written first, translated into Hindi by professional translators (CC0)."""
    path = "testsets/eng-hin/tico19-test"
    rows = pairs("tico19-test", lines(opus, OPUS_COMMIT, f"{path}.hin"), lines(opus, OPUS_COMMIT, f"{path}.eng"),
                 f"Helsinki-NLP/OPUS-MT-testsets@{OPUS_COMMIT}:{path}.{{hin,eng}}", None, "en", "health")
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(opus: str, ctq: str) -> None:
    ntrex_docs = lines(opus, OPUS_COMMIT, f"{NTREX}/DOCUMENT_IDS.tsv")
    sets = [
        pairs("flores200-devtest", lines(ctq, CTQ_COMMIT, "dataset/test/hin_Deva.devtest"),
              lines(ctq, CTQ_COMMIT, "dataset/test/eng_Latn.devtest"),
              f"AI4Bharat/CTQScorer@{CTQ_COMMIT}:dataset/test/{{hin_Deva,eng_Latn}}.devtest", None, "en", "wiki"),
        pairs("ntrex128-newstest2019", lines(opus, OPUS_COMMIT, f"{NTREX}/NTREX-128/newstest2019-ref.hin.txt"),
              lines(opus, OPUS_COMMIT, f"{NTREX}/NTREX-128/newstest2019-src.eng.txt"),
              f"Helsinki-NLP/OPUS-MT-testsets@{OPUS_COMMIT}:{NTREX}/NTREX-128/newstest2019-{{ref.hin,src.eng}}.txt",
              ntrex_docs, "en", "news"),
    ]
    for rows in sets:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "--tico":
        tico(sys.argv[2])
    else:
        main(*sys.argv[1:3])
