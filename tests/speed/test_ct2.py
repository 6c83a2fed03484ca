"""The CTranslate2 backend end to end: `python -m service convert`, then load_generator(backend=ctranslate2).

Tiny Marian and NLLB models are converted with the project's own command (a subprocess, as a user
runs it), loaded through the public ``load_generator`` path with int8 on CPU, and held to the same
output contract as the transformers backend: one string per input, in order, empty for empty,
outputs capped by max_new_tokens and by the input-length budget, long inputs chunked.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from models import ModelSpec, load_generator
from models.base import DecodeOptions
from models.batcher import MicroBatcher

REPO = Path(__file__).resolve().parents[2]
SENTENCES = ["भारत ने मैच जीता।", "प्रधानमंत्री ने बुधवार को दिल्ली में एक बैठक की।", "बारिश से नुकसान हुआ।"]


@pytest.fixture(scope="module")
def converted(tiny_models, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ct2")
    out = {}
    for name in ("marian", "nllb"):
        target = root / name
        done = subprocess.run(
            [sys.executable, "-m", "service", "convert", str(tiny_models[name]), "--out", str(target)],
            cwd=REPO, capture_output=True, text=True, timeout=240,
        )
        assert done.returncode == 0, done.stderr
        assert Path(done.stdout.strip().splitlines()[-1]) == target
        out[name] = target
    return out


class Recording:
    """Stands in for the ctranslate2.Translator and records what each call decoded."""

    def __init__(self, translator):
        self.translator = translator
        self.lengths: list[list[int]] = []
        self.tokens: list[list[str]] = []
        self.max_decoding_length: list[int] = []

    def translate_batch(self, source, **kwargs):
        results = self.translator.translate_batch(source, **kwargs)
        self.lengths.append([len(r.hypotheses[0]) for r in results])
        self.tokens.extend(r.hypotheses[0] for r in results)
        self.max_decoding_length.append(kwargs["max_decoding_length"])
        return results


@pytest.fixture(scope="module", params=["marian", "nllb"])
def ct2_generator(request, converted):
    return load_generator(ModelSpec(str(converted[request.param]), device="cpu", backend="ctranslate2"), batch_size=2)


def test_converted_directory_layout(converted):
    for directory in converted.values():
        assert (directory / "model.bin").is_file()
        assert (directory / "hf" / "config.json").is_file()


def test_loads_int8_on_cpu_with_the_model_conventions(ct2_generator):
    assert ct2_generator.info.backend == "ctranslate2"
    assert ct2_generator.info.device == "cpu"
    assert ct2_generator.compute_type == "int8"
    assert ct2_generator.info.tasks == frozenset({"translate"})


def test_output_contract(ct2_generator, monkeypatch):
    recorder = Recording(ct2_generator.translator)
    monkeypatch.setattr(ct2_generator, "translator", recorder)
    texts = [SENTENCES[0], "", SENTENCES[1], "   ", SENTENCES[2]]
    out = ct2_generator.generate(texts)
    assert isinstance(out, list) and len(out) == len(texts)
    assert all(isinstance(o, str) for o in out)
    assert out[1] == "" and out[3] == ""
    # Every non-empty input was decoded (a random model may emit only special tokens, decoded as "").
    assert sum(len(batch) for batch in recorder.lengths) == 3
    assert ct2_generator.generate([]) == []


def test_max_new_tokens_caps_every_output(ct2_generator, monkeypatch):
    recorder = Recording(ct2_generator.translator)
    monkeypatch.setattr(ct2_generator, "translator", recorder)
    ct2_generator.generate(SENTENCES, options=DecodeOptions(max_new_tokens=5))
    assert recorder.lengths, "the translator was not called"
    # The target prefix (NLLB's language token) counts as a generated token, as in transformers.
    assert all(n <= 5 for batch in recorder.lengths for n in batch)
    assert all(cap <= 5 for cap in recorder.max_decoding_length)


def test_length_budget_follows_the_input_length(ct2_generator, monkeypatch):
    recorder = Recording(ct2_generator.translator)
    monkeypatch.setattr(ct2_generator, "translator", recorder)
    options = DecodeOptions(max_new_tokens=500, length_ratio=1.0, length_margin=2)
    ct2_generator.generate([SENTENCES[0]], options=options)
    budget = ct2_generator.count_tokens(SENTENCES[0]) + 2
    assert recorder.max_decoding_length[0] <= budget
    assert all(n <= budget for n in recorder.lengths[0])


def test_long_input_is_chunked_not_truncated(ct2_generator, monkeypatch):
    recorder = Recording(ct2_generator.translator)
    monkeypatch.setattr(ct2_generator, "translator", recorder)
    long_text = " ".join(SENTENCES * 12)
    assert ct2_generator.count_tokens(long_text) > ct2_generator.info.max_input_tokens
    out = ct2_generator.generate([long_text], options=DecodeOptions(max_new_tokens=4))
    assert len(out) == 1 and out[0]
    assert sum(len(batch) for batch in recorder.lengths) > 1  # several pieces were generated


def test_nllb_outputs_start_from_the_english_language_token(converted):
    generator = load_generator(ModelSpec(str(converted["nllb"]), device="cpu", backend="ctranslate2"))
    assert generator._prefix == ["eng_Latn"]


def test_nllb_output_never_switches_to_another_language_code(converted, monkeypatch):
    generator = load_generator(ModelSpec(str(converted["nllb"]), device="cpu", backend="ctranslate2"))
    recorder = Recording(generator.translator)
    monkeypatch.setattr(generator, "translator", recorder)
    generator.generate(SENTENCES, options=DecodeOptions(max_new_tokens=12))
    codes = {t for t in generator.tokenizer.get_vocab() if len(t) == 8 and t[3] == "_"}
    assert recorder.tokens and all(row[0] == "eng_Latn" and not codes & set(row[1:]) for row in recorder.tokens)


def test_micro_batcher_wraps_the_ct2_backend(ct2_generator):
    batcher = MicroBatcher(ct2_generator, wait_ms=1)
    options = DecodeOptions(max_new_tokens=6)
    out = batcher.generate(SENTENCES, options=options)
    assert out == ct2_generator.generate(SENTENCES, options=options)
    assert batcher.stats.rounds == 1
    batcher.close()


def test_service_settings_select_the_ct2_backend(converted):
    from service.config import Settings
    from service.pipeline.brief import BriefRequest
    from service.runtime import build_pipeline

    settings = Settings(model=str(converted["marian"]), backend="ctranslate2", device="cpu", guards=False,
                        max_new_tokens=8, memory=False)
    pipeline = build_pipeline(settings)
    article = "\n\n".join(SENTENCES * 3)
    brief = pipeline.brief(BriefRequest(article, bullets=2))
    assert brief.bullets and all(b.text for b in brief.bullets)
    assert pipeline.models(settings.model).info.backend == "ctranslate2"


@pytest.mark.parametrize("arch", ["marian", "nllb", "mt5"])
def test_float32_copy_decodes_exactly_like_transformers(arch, tiny_models, tmp_path):
    """The conversion keeps the model's conventions (decoder start, mT5's language token, NLLB's
    forced BOS, caps): with float32 weights CTranslate2 gives transformers' very tokens, greedy and
    with every option the guard's retry uses. (int8 rounds the weights, so it only keeps the contract.)"""
    from models.convert import convert
    from models.ct2 import Ct2Generator

    reference = load_generator(ModelSpec(str(tiny_models[arch]), device="cpu", backend="transformers"), batch_size=3)
    copy = Ct2Generator(convert(str(tiny_models[arch]), tmp_path / arch, quantization="float32"), device="cpu",
                        dtype="float32", batch_size=3)
    task = "summarize" if arch == "mt5" else "translate"
    texts = [*SENTENCES, "", "मॉस्को में विदेश मंत्री की बैठक हुई और कई समझौते हुए।", " ".join(SENTENCES * 8)]
    for options in (DecodeOptions(max_new_tokens=12), DecodeOptions(max_new_tokens=12, num_beams=3),
                    DecodeOptions(max_new_tokens=12, no_repeat_ngram_size=2),
                    DecodeOptions(max_new_tokens=12, repetition_penalty=1.5)):
        assert copy.generate(texts, task, options) == reference.generate(texts, task, options), options
