"""How well would a maintained transliterator turn informal romanized Hindi back into Devanagari?

    python tests/data/language/transliteration.py CODE_MIXED_MT_GIT [N]

Reads the Dakshina *test* sentence pairs (romanized by people as they would type, and the native
Devanagari) from a git mirror (see build.py) and prints, for each scheme indic_transliteration
offers for Latin input, the share of words it restores exactly and the character error rate
(CER, edit distance / reference length) over the first N sentences (default 1,000).
This is the measurement behind refusing romanized Hindi instead of transliterating it.
"""
from __future__ import annotations

import sys
import unicodedata

from indic_transliteration import sanscript

from build import DAKSHINA_COMMIT, show

SCHEMES = ("ITRANS", "HK", "OPTITRANS", "VELTHUIS", "IAST")


def distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def main(git_dir: str, n: int = 1000) -> None:
    roman = show(git_dir, DAKSHINA_COMMIT, "hi/romanized/hi.romanized.rejoined.test.roman.txt")[:n]
    native = show(git_dir, DAKSHINA_COMMIT, "hi/romanized/hi.romanized.rejoined.test.native.txt")[:n]
    print(f"{'scheme':<10} {'word accuracy':>14} {'CER':>6}   ({len(roman)} Dakshina test sentences)")
    for scheme in SCHEMES:
        words = right = edits = chars = 0
        for latin, devanagari in zip(roman, native):
            guess = unicodedata.normalize("NFC", sanscript.transliterate(latin.lower(), getattr(sanscript, scheme),
                                                                         sanscript.DEVANAGARI))
            ref = unicodedata.normalize("NFC", devanagari)
            words += len(ref.split())
            right += sum(g == r for g, r in zip(guess.split(), ref.split()))
            edits += distance(guess, ref)
            chars += len(ref)
        print(f"{scheme:<10} {right / words:>14.3f} {edits / chars:>6.3f}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
