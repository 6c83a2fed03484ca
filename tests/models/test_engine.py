"""BRIEFS_BACKEND=auto (the default): CTranslate2 int8 on CPU for Marian, NLLB and mT5, converted once.

Every model here goes through the default path a user gets (``Settings()`` -> ``build_registry``),
and the pipeline features that work on transformers are checked on it: chunking and length caps,
guard retries with their decoding options, abstractive mode (mT5), NLLB's target language prefix,
warm-up and /readyz. Conversion: kept beside the model, made once under concurrency, never read
half-written; a failure falls back to transformers, logged once.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from models import ModelSpec, conversions, engine, load_generator
from models.base import DecodeOptions
from service.config import Settings
from service.pipeline.brief import BriefRequest
from service.runtime import build_pipeline, build_registry

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "\n\n".join(
    ["प्रधानमंत्री ने बुधवार को दिल्ली में एक बैठक की।", "बैठक में कई मंत्री शामिल हुए और 12 फैसले लिए गए।",
     "भारत ने मैच जीता।", "बारिश से नुकसान हुआ।", "विदेश मंत्री ने मॉस्को में बातचीत की।"] * 2
)


class Recording:
    """Stands in for the ctranslate2.Translator and records every call's options."""

    def __init__(self, translator):
        self.translator, self.calls = translator, []

    def translate_batch(self, source, **kwargs):
        self.calls.append({"inputs": len(source), **kwargs})
        return self.translator.translate_batch(source, **kwargs)


def default_settings(model: Path, tmp_path: Path, **overrides) -> Settings:
    return Settings(model=str(model), data_dir=tmp_path, device="cpu", warmup=False, **overrides)


@pytest.fixture(params=["marian", "nllb", "mt5"])
def default_generator(request, tiny_models, tmp_path):
    settings = default_settings(tiny_models[request.param], tmp_path, microbatch=False)
    return request.param, build_registry(settings).get(settings.model)


def test_the_default_engine_on_cpu_is_ctranslate2_int8(default_generator, tiny_models):
    arch, generator = default_generator
    assert Settings().backend == "auto"
    assert generator.info.backend == "ctranslate2" and generator.compute_type == "int8"
    assert generator.info.model_id == str(tiny_models[arch])  # named as configured, not by its copy
    assert (tiny_models[arch] / conversions.BESIDE_LOCAL_MODEL) in generator.directory.parents


def test_contract_chunking_and_caps_on_the_default_engine(default_generator, monkeypatch):
    arch, generator = default_generator
    task = "summarize" if arch == "mt5" else "translate"
    recorder = Recording(generator.translator)
    monkeypatch.setattr(generator, "translator", recorder)
    long_text = " ".join(ARTICLE.split("\n\n") * 3)
    assert generator.count_tokens(long_text) > generator.info.max_input_tokens
    out = generator.generate(["भारत ने मैच जीता।", "", long_text], task, DecodeOptions(max_new_tokens=5))
    assert len(out) == 3 and all(isinstance(o, str) for o in out) and out[1] == "" and out[2]
    assert sum(call["inputs"] for call in recorder.calls) > 2  # the long input went in several pieces
    assert all(call["max_decoding_length"] <= 5 and call["max_input_length"] == 0 for call in recorder.calls)


def test_guard_retries_decode_with_their_options_on_the_default_engine(tiny_models, tmp_path, monkeypatch):
    settings = default_settings(tiny_models["marian"], tmp_path, microbatch=False, max_new_tokens=12)
    pipeline = build_pipeline(settings)
    generator = pipeline.models(settings.model)
    recorder = Recording(generator.translator)
    monkeypatch.setattr(generator, "translator", recorder)
    brief = pipeline.brief(BriefRequest(ARTICLE, bullets=3))
    assert brief.bullets and brief.model == settings.model
    retries = [call for call in recorder.calls if call["beam_size"] > 1]
    assert retries, "random outputs fail the guards, so some bullet must have been retried"
    assert all(call["no_repeat_ngram_size"] == 3 and call["repetition_penalty"] > 1 for call in retries)


def test_abstractive_mode_with_mt5_and_the_micro_batcher(tiny_models, tmp_path):
    settings = default_settings(tiny_models["mt5"], tmp_path, guards=False, max_new_tokens=8)
    pipeline = build_pipeline(settings)
    brief = pipeline.brief(BriefRequest(ARTICLE, mode="abstractive", bullets=2))
    assert len(brief.bullets) == 2 and all(b.text for b in brief.bullets)
    generator = pipeline.models(settings.model)
    assert type(generator).__name__ == "MicroBatcher" and generator.inner.info.backend == "ctranslate2"


def test_nllb_decodes_from_the_english_language_token(tiny_models, tmp_path):
    settings = default_settings(tiny_models["nllb"], tmp_path, microbatch=False)
    assert build_registry(settings).get(settings.model)._prefix == ["eng_Latn"]


def test_warm_up_and_readyz_on_the_default_engine(tiny_models, tmp_path):
    from service.app import create_app

    client = create_app(replace(default_settings(tiny_models["nllb"], tmp_path), warmup=True)).test_client()
    deadline = time.monotonic() + 60
    while (response := client.get("/readyz")).status_code != 200:
        assert time.monotonic() < deadline, response.json
        time.sleep(0.1)
    assert response.json["ready"] is True


def test_the_copy_is_made_once_and_found_again(tiny_models, tmp_path, monkeypatch):
    model = tmp_path / "marian"
    shutil.copytree(tiny_models["marian"], model, ignore=shutil.ignore_patterns(conversions.BESIDE_LOCAL_MODEL))
    (model / conversions.BESIDE_LOCAL_MODEL).mkdir()
    key = conversions.key(str(model), None, model)
    half = model / conversions.BESIDE_LOCAL_MODEL / f"{key}.tmp-999999"  # a converter killed midway
    half.mkdir()
    (half / "model.bin").write_bytes(b"partial")
    assert conversions.find(str(model), None, model, None) is None

    code = ("import logging, sys; logging.basicConfig(level=logging.INFO); from pathlib import Path; "
            "from models import conversions; print(conversions.ensure(sys.argv[1], None, Path(sys.argv[1]), None))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    racers = [subprocess.Popen([sys.executable, "-c", code, str(model)], cwd=REPO, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [racer.communicate(timeout=300) for racer in racers]
    assert all(racer.returncode == 0 for racer in racers), outputs
    paths = {out.strip().splitlines()[-1] for out, _ in outputs}
    assert paths == {str(model / conversions.BESIDE_LOCAL_MODEL / key)}
    assert sum(err.count("converted") for _, err in outputs) == 1  # one converted, the other waited and found it
    assert not half.exists() and not list(model.glob(f"{conversions.BESIDE_LOCAL_MODEL}/*.tmp-*"))

    monkeypatch.setattr(conversions, "_convert", lambda *a: pytest.fail("converted a second time"))
    spec = ModelSpec(str(model), device="cpu", backend="auto")
    assert load_generator(spec).info.backend == "ctranslate2"
    (model / "config.json").touch()  # a changed checkpoint is another copy
    assert conversions.find(str(model), None, model, None) is None


def test_a_failed_conversion_falls_back_to_transformers_logged_once(tiny_models, tmp_path, monkeypatch, caplog):
    model = tmp_path / "nllb"
    shutil.copytree(tiny_models["nllb"], model, ignore=shutil.ignore_patterns(conversions.BESIDE_LOCAL_MODEL))
    monkeypatch.setattr(engine, "_failed", {})

    def broken(source, out):
        raise conversions.ConversionFailed("disk full")

    monkeypatch.setattr(conversions, "_convert", broken)
    spec = ModelSpec(str(model), device="cpu", backend="auto")
    with caplog.at_level(logging.INFO, logger="models"):
        first, second = load_generator(spec), load_generator(spec)
    assert first.info.backend == second.info.backend == "transformers"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "disk full" in warnings[0] and "using transformers" in warnings[0]
    assert engine.describe(spec).reason.startswith("auto: the CTranslate2 conversion failed (ConversionFailed: disk full")


def test_why_an_engine_is_chosen(tiny_models, tmp_path):
    marian = tiny_models["marian"]
    choose = engine.choose
    assert choose(ModelSpec(str(marian), backend="auto", device="cpu"), marian).backend == "ctranslate2"
    assert choose(ModelSpec(str(marian), backend="transformers"), marian).reason == "BRIEFS_BACKEND=transformers"
    assert "BRIEFS_DTYPE=float32" in choose(ModelSpec(str(marian), backend="auto", dtype="float32"), marian).reason
    assert "GPU" in choose(ModelSpec(str(marian), backend="auto", device="cuda"), marian).reason
    other = tmp_path / "bart"
    other.mkdir()
    (other / "config.json").write_text('{"model_type": "bart"}')
    assert choose(ModelSpec(str(other), backend="auto", device="cpu"), other).backend == "transformers"
    assert "decided when the model is available" in engine.describe(ModelSpec(str(tmp_path / "none"), backend="auto")).reason


def test_prefetch_makes_the_copy_and_config_says_which_engine_and_why(tiny_models, tmp_path):
    env = {**os.environ, "BRIEFS_MODEL": str(tiny_models["mt5"]), "BRIEFS_DATA_DIR": str(tmp_path)}

    def cli(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "service", *args], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()

    model, copy = cli("prefetch")[-2:]
    assert model == str(tiny_models["mt5"]) and (Path(copy) / "model.bin").is_file()
    line = cli("config")[-1]
    assert line.startswith(f"engine for {model}: ctranslate2 (auto: CPU and a mt5 model")
    assert line.endswith(f"converted copy: {copy} (present))")
