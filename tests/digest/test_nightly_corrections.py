"""The nightly digest serves editors' corrections, also for articles briefed (and cached) before them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from service.config import Settings
from service.editorial import Editorial
from service.pipeline.brief import BriefRequest
from service.runtime import build_pipeline
from tests.corpus import corpus_articles

CORRECTION = "An editor's sentence for the digest."


def test_a_correction_reaches_a_rerun_digest_from_the_cache(run_nightly, nightly_env, tiny_models, tmp_path):
    article = corpus_articles()[2]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(article, folder / article.name)
    args = ["--input", str(folder), "--date", "2026-01-16", "--mode", "translate", "--bullets", "3"]
    first = run_nightly(*args, "--out", str(tmp_path / "before"))
    assert first.returncode == 0, first.stderr
    before = json.loads((tmp_path / "before" / "digest.json").read_text(encoding="utf-8"))

    settings = Settings(model=str(tiny_models["marian"]), data_dir=Path(nightly_env["BRIEFS_DATA_DIR"]), memory=False)
    sentence = build_pipeline(settings).prepare(BriefRequest(data=article.read_bytes(), mode="translate")).sentences[0].text
    correction = Editorial(settings).corrections.add(sentence, CORRECTION, by="nightly-test")

    rerun = run_nightly(*args, "--out", str(tmp_path / "after"))
    assert rerun.returncode == 0 and "0 articles generated this run, 1 from cache" in rerun.stderr
    after = json.loads((tmp_path / "after" / "digest.json").read_text(encoding="utf-8"))
    assert after["stories"][0]["bullets"][0] == CORRECTION
    assert before["stories"][0]["bullets"][0] != CORRECTION
    assert CORRECTION in (tmp_path / "after" / "digest.md").read_text(encoding="utf-8")

    Editorial(settings).corrections.revert(correction.id)
    reverted = run_nightly(*args, "--out", str(tmp_path / "reverted"))
    assert json.loads((tmp_path / "reverted" / "digest.json").read_text(encoding="utf-8")) == before
