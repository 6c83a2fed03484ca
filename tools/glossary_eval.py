"""How well the glossary respells names (``service.quality.terms``), on public name pairs we did not write.

Data: ``tests/data/glossary_names/players.tsv`` (Hindi and English names of cricket players, see its
README). Each pair is a glossary term (Hindi -> house English spelling). A model that does not know
a name writes it as it sounds: the variant here is the Hindi romanized phonetically
(indic_transliteration, accents dropped, capitalized: ``रुसो`` -> ``Ruso`` for ``Rossouw``).

* recall: sentences holding the term's variant that come out with the house spelling;
* false respellings: sentences holding ANOTHER player's variant (a different English name, same
  number of words) that the term wrongly rewrites; precision = right / (right + wrong).

``python tools/glossary_eval.py`` prints the figures (the tests check them, tests/quality/test_terms_eval.py).
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
DATA = REPO / "tests" / "data" / "glossary_names" / "players.tsv"


@dataclass
class Figures:
    pairs: int
    already_house: int
    respelt: int
    negatives: int
    false_respellings: int

    @property
    def recall(self) -> float:
        return self.respelt / max(1, self.pairs - self.already_house)

    @property
    def false_rate(self) -> float:
        return self.false_respellings / max(1, self.negatives)

    @property
    def precision(self) -> float:
        return self.respelt / max(1, self.respelt + self.false_respellings)


def load(path: Path = DATA) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["hindi"], row["english"]) for row in csv.DictReader(handle, delimiter="\t")]


def variant(hindi: str) -> str:
    from service.quality.transliterate import romanize

    return " ".join(romanize(word).capitalize() for word in hindi.split())


def evaluate(pairs: list[tuple[str, str]]) -> Figures:
    from service.quality.terms import GlossaryTerm, apply_spellings

    figures = Figures(len(pairs), 0, 0, 0, 0)
    variants = [variant(h) for h, _ in pairs]
    for i, (hindi, english) in enumerate(pairs):
        term = GlossaryTerm(hindi, english)
        text = f"On Tuesday {variants[i]} said the team was ready."
        if variants[i] == english:
            figures.already_house += 1
        elif apply_spellings(text, [term]) == f"On Tuesday {english} said the team was ready.":
            figures.respelt += 1
        words = len(english.split())
        for j in range(1, len(pairs)):  # the next players with a different name of the same length
            other = (i + j) % len(pairs)
            if len(pairs[other][1].split()) == words and pairs[other][1].lower() != english.lower():
                negative = f"On Tuesday {variants[other]} said the team was ready."
                figures.negatives += 1
                figures.false_respellings += apply_spellings(negative, [term]) != negative
                if j > 40:
                    break
    return figures


def main() -> int:
    figures = evaluate(load())
    print(f"glossary respelling on {figures.pairs} public name pairs ({DATA.relative_to(REPO)}):")
    print(f"  recall     {figures.recall:.3f}  ({figures.respelt} of {figures.pairs - figures.already_house} variants respelt; "
          f"{figures.already_house} already the house spelling)")
    print(f"  precision  {figures.precision:.3f}  ({figures.false_respellings} false respellings in {figures.negatives} "
          f"sentences naming another player: {figures.false_rate:.2%} of them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
