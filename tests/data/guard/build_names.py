"""Rebuild ``service/quality/hindi_ner_words.tsv`` from a git mirror of cfiltnlp/HiNER.

    python tests/data/guard/build_names.py /path/to/HiNER/mirror

Each Hindi word of HiNER's validation split (``data/collapsed/validation.conll``, CC BY-SA 4.0) is
``name`` when it is mostly tagged PERSON or LOCATION (a word frequent in Hindi, wordfreq Zipf >= 4.5,
needs 3+ sightings and 80%: मोदी, सिंह), ``part`` when such a name word mostly stands inside a
place name of several words (उत्तर प्रदेश, प्रशांत महासागर, उत्तरी अमेरिका: a word that English
translates, North, Ocean), and ``word`` when seen 2+ times mostly untagged (जनगणना). Titles and the
guard's function words are left out.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from wordfreq import zipf_frequency

from service.quality.names import is_stopword, is_title
from service.quality.text import hindi_tokens

COMMIT = "5e12e796a7a4b7b8880b2e876adb27894501a8e9"
PATH = "data/collapsed/validation.conll"
MIN_SEEN, MIN_NAME_SHARE, MIN_ZIPF = 3, 0.8, 4.5
MIN_PART_SHARE = 0.75  # of a name word's sightings, inside a place name of several words
OUT = Path(__file__).resolve().parents[3] / "service" / "quality" / "hindi_ner_words.tsv"


def main(mirror: str) -> None:
    text = subprocess.run(["git", "-C", mirror, "show", f"{COMMIT}:{PATH}"], capture_output=True, text=True,
                          check=True).stdout
    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    in_place: Counter[str] = Counter()  # sightings inside a LOCATION span of 2+ tokens
    span: list[tuple[str, str]] = []  # the (token, type) of the entity being read
    for line in [*text.splitlines(), ""]:
        token, tag = line.split("\t") if "\t" in line else ("", "O")
        if not tag.startswith("I-") and span:
            if span[0][1] == "LOCATION" and len(span) > 1:
                in_place.update(w for t, _ in span for w in hindi_tokens(t))
            span = []
        if tag[:2] in ("B-", "I-"):
            span.append((token, tag[2:]))
        for word in hindi_tokens(token):
            seen[word] += 1
            named[word] += tag[2:] in ("PERSON", "LOCATION")
    rows = []
    for w in sorted(seen):
        if w.isascii() or w.isdigit() or is_stopword(w) or is_title(w):
            continue
        share = named[w] / seen[w]
        if share >= 0.5 and named[w] >= 2 and in_place[w] >= MIN_PART_SHARE * named[w]:
            rows.append(f"{w}\tpart")  # a word of place names: उत्तर, प्रदेश, महासागर
        elif share >= MIN_NAME_SHARE and seen[w] >= MIN_SEEN and zipf_frequency(w, "hi") >= MIN_ZIPF:
            rows.append(f"{w}\tname")  # frequent in Hindi, and yet a name: मोदी, सिंह
        elif share >= 0.5 and zipf_frequency(w, "hi") < MIN_ZIPF:
            rows.append(f"{w}\tname")
        elif share < 0.5 and seen[w] >= 2:
            rows.append(f"{w}\tword")  # seen as an ordinary word: बाग, जनगणना
    header = ("# Hindi words as HiNER tags them: name (mostly PERSON/LOCATION), part (mostly inside a place\n"
              "# name of several words) or word (mostly not a name).\n"
              "# Built by tests/data/guard/build_names.py from HiNER\n"
              f"# (cfiltnlp/HiNER@{COMMIT}:{PATH}), CC BY-SA 4.0; see tests/data/guard/README.md.\n")
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
