"""The eval harness: a reference-echo model scores ~100; the command runs end to end on a tiny model."""
import json
import shutil

from service.cli import main
from service.quality.evaluate import evaluate, reference_self_check
from service.quality.references import load_flores, load_references
from tests.quality.conftest import PlantedGenerator, echo_references, planted_pipeline


def test_reference_echo_scores_100_and_passes_the_guards(references_dir):
    refs = load_references(references_dir)
    results = evaluate(planted_pipeline(PlantedGenerator(echo_references)), refs, ["translate", "extractive"])
    translate, extractive = (r.to_dict() for r in results)
    assert translate["metrics"]["chrf++"] > 99 and translate["metrics"]["bleu"] > 99
    assert translate["unaligned_sentences"] == 0 and translate["articles"] == 5
    assert translate["guard_pass_rate"] >= 0.95
    assert 0 < extractive["metrics"]["rouge1"] <= 100 and extractive["seconds_per_article"] >= 0


def test_flores_files(tmp_path):
    (tmp_path / "src").write_text("युद्ध क्षेत्र में कम से कम चार भारतीयों की मौत हो चुकी है।\n", encoding="utf-8")
    (tmp_path / "ref").write_text("At least four Indians have died in the war zone.\n", encoding="utf-8")
    refs = load_flores(tmp_path / "src", tmp_path / "ref")
    [result] = evaluate(planted_pipeline(PlantedGenerator(echo_references)), refs, ["translate"])
    assert result.metrics["chrf++"] == 100.0


def test_reference_translations_pass_the_guards(references_dir):
    report = reference_self_check(load_references(references_dir))
    assert report["checked"] >= 90 and report["pass_rate"] >= 0.95, report["alarms"]


def test_eval_command_on_a_tiny_model(tiny_models, references_dir, tmp_path, monkeypatch, capsys):
    subset = tmp_path / "refs"
    subset.mkdir()
    shutil.copy(references_dir / "article-05.json", subset)
    monkeypatch.setenv("BRIEFS_MAX_NEW_TOKENS", "8")
    out = tmp_path / "eval.json"
    code = main(["eval", "--model", str(tiny_models["marian"]), "--references", str(subset), "--mode", "translate",
                 "--mode", "extractive", "--out", str(out)])
    assert code == 0
    assert "chrf++" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    translate, extractive = data["results"]
    assert set(translate["metrics"]) == {"chrf++", "bleu"}
    assert set(extractive["metrics"]) == {"rouge1", "rouge2", "rougeL"}
    for result in (translate, extractive):
        assert result["articles"] == 1 and result["errors"] == []
        assert 0 <= result["guard_pass_rate"] <= 1 and result["seconds_per_article"] > 0
    assert data["reference_self_check"]["pass_rate"] >= 0.9
