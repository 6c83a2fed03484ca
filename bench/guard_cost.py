"""The faithfulness guard's cost per sentence pair: this tree against another git revision, side by side.

``python -m bench.guard_cost [--base-ref main] [--runs 3] [--pairs tests/data/guard/dev.jsonl]``

Each tree runs in its own process (both are packages named ``service``): it warms up on 300
held-out pairs (imports, word lists, caches of frequent words, as a serving process has), then
times ``check_faithfulness`` over every pair in CPU time, which the other engineers' jobs on a
shared machine disturb less than wall time. Runs alternate between the trees; the table prints
each tree's median and the ratio.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WARMUP_PAIRS = 300

_TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from service.quality.faithfulness import check_faithfulness
def load(path):
    return [(r["hi"], r["en"]) for r in map(json.loads, open(path, encoding="utf-8")) if r]
for hi, en in load(sys.argv[3])[:int(sys.argv[4])]:
    check_faithfulness(hi, en)
pairs = load(sys.argv[2])
start = time.process_time()
for hi, en in pairs:
    check_faithfulness(hi, en)
print(json.dumps({"ms_per_pair": 1000 * (time.process_time() - start) / len(pairs), "pairs": len(pairs)}))
"""


def _time_tree(tree: Path, pairs: Path, warmup: Path) -> float:
    out = subprocess.run([sys.executable, "-c", _TIMER, str(tree), str(pairs), str(warmup), str(WARMUP_PAIRS)],
                         check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout)["ms_per_pair"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base-ref", default="main", help="git revision to compare with (default: main)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--pairs", default=str(REPO / "tests" / "data" / "guard" / "dev.jsonl"))
    p.add_argument("--warmup", default=str(REPO / "tests" / "data" / "guard" / "heldout.jsonl"))
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as base:
        archive = subprocess.run(["git", "archive", args.base_ref, "service"], cwd=REPO, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", base], input=archive.stdout, check=True)
        times: dict[str, list[float]] = {args.base_ref: [], "this tree": []}
        for _ in range(args.runs):
            times[args.base_ref].append(_time_tree(Path(base), Path(args.pairs), Path(args.warmup)))
            times["this tree"].append(_time_tree(REPO, Path(args.pairs), Path(args.warmup)))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'tree':<12} {'ms per pair (median)':>22} {'runs':>30}")
    for name, values in times.items():
        print(f"{name:<12} {medians[name]:>22.2f} {' '.join(f'{v:.2f}' for v in values):>30}")
    print(f"ratio this tree / {args.base_ref}: {medians['this tree'] / medians[args.base_ref]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
