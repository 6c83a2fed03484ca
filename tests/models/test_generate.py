"""TransformersGenerator on tiny random models of each architecture, loaded like real checkpoints."""
from __future__ import annotations

import math

import pytest

from models import DecodeOptions, Generator, ModelSpec, load_generator
from models.synthetic import corpus_texts
from service.errors import UnsupportedOption

SHORT = ["दिल्ली में आज बारिश हुई।", "सरकार ने नई योजना की घोषणा की", "यह एक परीक्षण है।", "मौसम"]
TASKS = {"marian": "translate", "nllb": "translate", "mt5": "summarize"}
ARCHITECTURES = {"marian": "marian", "nllb": "m2m100", "mt5": "mt5"}
FAST = DecodeOptions(max_new_tokens=12)


@pytest.fixture(scope="module")
def generators(tiny_models) -> dict[str, Generator]:
    return {k: load_generator(ModelSpec(str(p), device="cpu"), batch_size=3) for k, p in tiny_models.items()}


def record_generate(monkeypatch, generator) -> list[dict]:
    """Wrap the model's generate; each call appends its kwargs, input rows and output shape."""
    calls: list[dict] = []
    original = generator.model.generate

    def wrapper(**kwargs):
        out = original(**kwargs)
        calls.append({"kwargs": kwargs, "rows": kwargs["input_ids"].shape[0], "out_shape": tuple(out.shape)})
        return out

    monkeypatch.setattr(generator.model, "generate", wrapper)
    return calls


@pytest.mark.parametrize("arch", sorted(TASKS))
def test_each_architecture_loads_and_generates_a_batch(generators, arch):
    gen = generators[arch]
    assert isinstance(gen, Generator)
    assert gen.info.architecture == ARCHITECTURES[arch]
    assert gen.info.device == "cpu" and gen.info.max_input_tokens == 64
    out = gen.generate(SHORT, TASKS[arch], FAST)
    assert len(out) == len(SHORT) and all(isinstance(o, str) for o in out)
    assert any(o for o in out)


@pytest.mark.parametrize("arch", sorted(TASKS))
def test_batched_outputs_keep_input_order(generators, arch):
    gen = generators[arch]
    batched = gen.generate(SHORT, TASKS[arch], FAST)
    alone = [gen.generate([t], TASKS[arch], FAST)[0] for t in SHORT]
    assert batched == alone
    assert len(set(alone)) > 1, "random model gives the same output for every input: order untestable"


def test_empty_inputs_return_empty_without_model_call(generators, monkeypatch):
    gen = generators["marian"]
    calls = record_generate(monkeypatch, gen)
    assert gen.generate(["", "  \n\t "], "translate", FAST) == ["", ""]
    assert gen.generate([], "translate", FAST) == []
    assert calls == []
    out = gen.generate(["", SHORT[0], " "], "translate", FAST)
    assert out[0] == "" and out[2] == "" and out[1]
    assert sum(c["rows"] for c in calls) == 1


def test_length_cap_bounds_each_batch(generators, monkeypatch):
    gen = generators["marian"]
    calls = record_generate(monkeypatch, gen)
    options = DecodeOptions(max_new_tokens=200, length_ratio=0.5, length_margin=3)
    texts = [SHORT[0], SHORT[3]]
    gen.generate(texts, "translate", options)
    longest = max(gen.count_tokens(t) for t in texts)
    cap = math.ceil(0.5 * longest + 3)
    assert len(calls) == 1
    assert calls[0]["kwargs"]["max_new_tokens"] == cap
    assert calls[0]["out_shape"][1] - 1 <= cap  # minus the decoder start token


def test_hard_ceiling_and_decoder_positions_cap(generators, monkeypatch):
    gen = generators["marian"]
    calls = record_generate(monkeypatch, gen)
    gen.generate([SHORT[0]], "translate", DecodeOptions(max_new_tokens=5))
    gen.generate([SHORT[0]], "translate", DecodeOptions(max_new_tokens=10_000, length_ratio=100.0))
    assert calls[0]["kwargs"]["max_new_tokens"] == 5 and calls[0]["out_shape"][1] - 1 <= 5
    assert calls[1]["kwargs"]["max_new_tokens"] == gen.info.max_output_tokens == 63


def test_decode_options_are_passed_through(generators, monkeypatch):
    gen = generators["nllb"]
    calls = record_generate(monkeypatch, gen)
    gen.generate([SHORT[0]], "translate", DecodeOptions(num_beams=2, max_new_tokens=6, no_repeat_ngram_size=3, repetition_penalty=1.3))
    kwargs = calls[0]["kwargs"]
    assert kwargs["num_beams"] == 2 and kwargs["no_repeat_ngram_size"] == 3 and kwargs["repetition_penalty"] == 1.3
    assert kwargs["forced_bos_token_id"] == gen.tokenizer.convert_tokens_to_ids("eng_Latn")
    assert kwargs["input_ids"][0, 0].item() == gen.tokenizer.convert_tokens_to_ids("hin_Deva")


def test_nllb_output_never_switches_to_another_language_code(generators, monkeypatch):
    """Random weights favour language-code tokens; a code is special and decodes to nothing, so it is suppressed."""
    gen = generators["nllb"]
    outputs = []
    original = gen.model.generate
    monkeypatch.setattr(gen.model, "generate", lambda **kw: outputs.append(original(**kw)) or outputs[-1])
    texts = corpus_texts()[:6]
    out = gen.generate(texts, "translate", DecodeOptions(max_new_tokens=12))
    codes = {i for t, i in gen.tokenizer.get_vocab().items() if len(t) == 8 and t[3] == "_" and t != "eng_Latn"}
    assert len(codes) > 100
    generated = [int(i) for batch in outputs for row in batch for i in row[2:]]
    assert generated and not codes & set(generated)
    assert all(out)


def test_mt5_starts_decoding_with_the_english_language_token(generators, monkeypatch):
    gen = generators["mt5"]
    calls = record_generate(monkeypatch, gen)
    gen.generate([SHORT[0]], "summarize", FAST)
    english = gen.model.config.task_specific_params["langid_map"]["english"][1]
    assert calls[0]["kwargs"]["decoder_start_token_id"] == gen.tokenizer.convert_tokens_to_ids(english)


def test_long_input_is_chunked_and_every_chunk_generated(generators, monkeypatch):
    gen = generators["marian"]
    text = "\n".join(corpus_texts()[:-1])[:3000]  # Hindi articles only
    assert len(text) == 3000
    pieces = gen.split(text)
    assert len(pieces) > 1
    assert all(gen.count_tokens(p) <= gen.info.max_input_tokens for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split()), "chunking dropped text"

    calls = record_generate(monkeypatch, gen)
    out = gen.generate([SHORT[0], text, SHORT[1]], "translate", DecodeOptions(max_new_tokens=4))
    assert sum(c["rows"] for c in calls) == len(pieces) + 2
    assert len(calls) == math.ceil((len(pieces) + 2) / gen.batch_size)
    assert all(c["kwargs"]["input_ids"].shape[1] <= gen.info.max_input_tokens for c in calls)
    # Each piece's output, in piece order, joined with spaces.
    assert out[1] == " ".join(gen.generate([p], "translate", DecodeOptions(max_new_tokens=4))[0] for p in pieces)


@pytest.mark.parametrize(("arch", "task"), [("marian", "summarize"), ("nllb", "summarize"), ("mt5", "translate")])
def test_unsupported_task_raises(generators, arch, task):
    with pytest.raises(UnsupportedOption, match=task):
        generators[arch].generate(SHORT, task, FAST)


def test_count_tokens_includes_special_tokens(marian_generator):
    assert marian_generator.count_tokens("") == 1  # just </s>
    assert marian_generator.count_tokens(SHORT[0]) > 3
