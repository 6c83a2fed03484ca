"""The real-size opus-mt-hi-en stand-in: exact architecture, random weights, decodes every id."""
from __future__ import annotations

import pytest

from models import DecodeOptions, ModelSpec, load_generator
from models.synthetic import OPUS_MT_HI_EN_VOCAB, build_opus_mt_hi_en_size, corpus_texts


@pytest.fixture(scope="module")
def opus_size(tmp_path_factory):
    path = build_opus_mt_hi_en_size(tmp_path_factory.mktemp("opus-size"), corpus_texts())
    return load_generator(ModelSpec(str(path), device="cpu"))


def test_opus_mt_size_config_and_generation(opus_size):
    cfg = opus_size.model.config
    assert (cfg.d_model, cfg.encoder_layers, cfg.decoder_layers) == (512, 6, 6)
    assert (cfg.encoder_attention_heads, cfg.encoder_ffn_dim, cfg.max_position_embeddings) == (8, 2048, 512)
    assert cfg.vocab_size == OPUS_MT_HI_EN_VOCAB and cfg.pad_token_id == OPUS_MT_HI_EN_VOCAB - 1
    assert len(opus_size.tokenizer) == OPUS_MT_HI_EN_VOCAB
    assert 75e6 < sum(p.numel() for p in opus_size.model.parameters()) < 78e6  # "~76M params"
    assert opus_size.info.max_input_tokens == 512
    out = opus_size.generate(["दिल्ली में आज बारिश हुई।"], "translate", DecodeOptions(max_new_tokens=4))
    assert len(out) == 1 and isinstance(out[0], str)


def test_every_output_id_decodes(opus_size):
    ids = list(range(0, OPUS_MT_HI_EN_VOCAB, 997)) + [OPUS_MT_HI_EN_VOCAB - 2]
    assert isinstance(opus_size.tokenizer.decode(ids, skip_special_tokens=True), str)
