"""Real models with random weights, built offline in seconds, for tests and benchmarks.

Each builder writes a directory that ``load_generator(ModelSpec(str(dir)))`` loads exactly like a
downloaded checkpoint: config.json, generation_config.json, tokenizer files and safetensors
weights. Tokenizers are SentencePiece models trained on the shared Hindi news corpus plus some
English, so inputs tokenize into realistic lengths. Random weights never emit EOS on purpose,
which makes the backend's length caps observable.

No ``protobuf`` is installed, so fast tokenizers are built from the trained SentencePiece model's
pieces directly (vocab + merges for BPE, pieces + scores for Unigram) rather than converted.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Sequence

import torch

SHARED_ENV = "BRIEFS_SHARED_DIR"


def shared_dir() -> Path:
    """The project's shared folder (``BRIEFS_SHARED_DIR`` overrides the checkout-relative default)."""
    override = os.environ.get(SHARED_ENV)
    return Path(override) if override else Path(__file__).resolve().parents[1].parent / "shared"


def corpus_texts() -> list[str]:
    """Hindi news articles from ``shared/corpus/hi-news`` followed by English text (design.md)."""
    root = shared_dir()
    hindi = sorted((root / "corpus" / "hi-news").glob("*.txt"))
    if not hindi:
        raise FileNotFoundError(f"No Hindi corpus under {root / 'corpus' / 'hi-news'}; set {SHARED_ENV}.")
    texts = [p.read_text(encoding="utf-8") for p in hindi]
    english = root / "design.md"
    if english.is_file():
        texts.append(english.read_text(encoding="utf-8"))
    return texts


def train_sentencepiece(
    texts: Iterable[str], out_prefix: str | Path, vocab_size: int, model_type: str = "unigram", **special_ids: int
) -> Path:
    """Train a SentencePiece model on the lines of ``texts``; returns ``<out_prefix>.model``.

    ``vocab_size`` is a soft limit (a small corpus may yield fewer pieces). ``special_ids`` are
    trainer options like ``pad_id=0, eos_id=1, unk_id=2, bos_id=-1``.
    """
    import sentencepiece as spm

    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    prefix = Path(out_prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=2,
        minloglevel=2,
        **special_ids,
    )
    return prefix.with_suffix(".model")


def _pieces(model_file: Path) -> list[tuple[str, float]]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model_file))
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]


def _save(model: torch.nn.Module, out_dir: Path) -> Path:
    model.save_pretrained(out_dir)
    return out_dir


# --- Marian (opus-mt) -------------------------------------------------------------------------


def _marian_tokenizer(out_dir: Path, texts: Sequence[str], spm_vocab: int, vocab_size: int | None, max_len: int):
    """MarianTokenizer whose vocab.json has ``</s>``=0, ``<unk>``=1, pieces, placeholders, ``<pad>`` last.

    Placeholders pad the vocab to ``vocab_size`` so every id a random model emits decodes.
    """
    from transformers import MarianTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    spm_file = train_sentencepiece(texts, out_dir / "spm", spm_vocab, unk_id=0, bos_id=-1, eos_id=1, pad_id=-1)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece, _ in _pieces(spm_file):
        if piece not in vocab:
            vocab[piece] = len(vocab)
    target = vocab_size if vocab_size is not None else len(vocab) + 1
    if len(vocab) + 1 > target:
        raise ValueError(f"SentencePiece gave {len(vocab)} pieces, more than vocab_size {target}")
    while len(vocab) < target - 1:
        vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (out_dir / name).write_bytes(spm_file.read_bytes())
    spm_file.unlink()
    spm_file.with_suffix(".vocab").unlink()
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        source_lang="hin",
        target_lang="eng",
        model_max_length=max_len,
    )
    tokenizer.save_pretrained(out_dir)
    return tokenizer, len(vocab)


def _build_marian(out_dir: Path, texts: Sequence[str], spm_vocab: int, vocab_size: int | None, **config: object) -> Path:
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    out_dir = Path(out_dir)
    max_len = int(config.get("max_position_embeddings", 512))  # type: ignore[call-overload]
    _, size = _marian_tokenizer(out_dir, texts, spm_vocab, vocab_size, max_len)
    pad = size - 1
    cfg = MarianConfig(
        vocab_size=size,
        decoder_vocab_size=size,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        bos_token_id=0,
        forced_eos_token_id=0,
        **config,
    )
    torch.manual_seed(0)
    model = MarianMTModel(cfg)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        bos_token_id=0,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        max_length=max_len,
        num_beams=4,
        pad_token_id=pad,
    )
    return _save(model, out_dir)


# init_std well above the usual 0.02 so that random outputs differ from input to input.
_TINY = dict(
    init_std=0.5,
    d_model=32,
    encoder_layers=1,
    decoder_layers=1,
    encoder_attention_heads=2,
    decoder_attention_heads=2,
    encoder_ffn_dim=64,
    decoder_ffn_dim=64,
)


def build_tiny_marian(out_dir: str | Path, texts: Sequence[str]) -> Path:
    """MarianMT, 1+1 layers, d_model 32, 64 input positions (so long inputs get chunked quickly)."""
    return _build_marian(
        Path(out_dir), texts, 600, None, max_position_embeddings=64, activation_function="swish",
        scale_embedding=True, **_TINY,
    )


def build_opus_mt_hi_en_size(out_dir: str | Path, texts: Sequence[str]) -> Path:
    """Random-weight MarianMT with the architecture of Helsinki-NLP/opus-mt-hi-en.

    Source of the numbers: the config.json the Helsinki-NLP opus-mt conversions share (as in
    transformers' MarianMT docs and published opus-mt configs): d_model 512, 6 encoder + 6 decoder
    layers, 8 heads, FFN 2048, swish, scaled embeddings, static sinusoidal positions with
    max_position_embeddings 512, shared and tied embeddings, eos 0, pad = decoder start = last id,
    generation num_beams 4, max_length 512, bad_words_ids [[pad]]. The vocab size 61950 could not
    be checked against the hub from here (no network); it is the size recalled for this model,
    and it is consistent with the ~76M parameters the design notes for opus-mt-hi-en (this build
    has 76.4M). Re-check it against a downloaded config.json before comparing memory use.
    """
    return _build_marian(
        Path(out_dir), texts, 4000, OPUS_MT_HI_EN_VOCAB, max_position_embeddings=512, activation_function="swish",
        scale_embedding=True, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
        decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, dropout=0.1,
        attention_dropout=0.0, activation_dropout=0.0, init_std=0.02, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )


OPUS_MT_HI_EN_VOCAB = 61950


# --- NLLB-200 (M2M100 architecture) -------------------------------------------------------------


def _nllb_tokenizer(out_dir: Path, texts: Sequence[str], spm_vocab: int, total_vocab: int | None, max_len: int):
    """NllbTokenizer (BPE) that knows all NLLB language codes; padded to ``total_vocab`` if given."""
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES
    from transformers.tokenization_utils_base import generate_merges

    out_dir.mkdir(parents=True, exist_ok=True)
    spm_file = train_sentencepiece(
        texts, out_dir / "bpe", spm_vocab, model_type="bpe", bos_id=0, pad_id=1, eos_id=2, unk_id=3
    )
    vocab = {piece: i for i, (piece, _) in enumerate(_pieces(spm_file))}
    merges = generate_merges(vocab)
    spm_file.unlink()
    spm_file.with_suffix(".vocab").unlink()
    if total_vocab is not None:
        # Language codes and <mask> are appended after the base vocab.
        base = total_vocab - len(FAIRSEQ_LANGUAGE_CODES) - 1
        while len(vocab) < base:
            vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    tokenizer = NllbTokenizer(
        vocab=vocab, merges=merges, src_lang="hin_Deva", tgt_lang="eng_Latn", model_max_length=max_len
    )
    tokenizer.save_pretrained(out_dir)
    return tokenizer


def _build_nllb(out_dir: Path, texts: Sequence[str], spm_vocab: int, total_vocab: int | None, **config: object) -> Path:
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration

    out_dir = Path(out_dir)
    max_len = int(config.get("max_position_embeddings", 1024))  # type: ignore[call-overload]
    tokenizer = _nllb_tokenizer(out_dir, texts, spm_vocab, total_vocab, max_len)
    size = total_vocab if total_vocab is not None else len(tokenizer)
    if len(tokenizer) > size:
        raise ValueError(f"tokenizer has {len(tokenizer)} tokens, more than vocab_size {size}")
    cfg = M2M100Config(
        vocab_size=size, pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
        scale_embedding=True, activation_function="relu", **config,
    )
    torch.manual_seed(0)
    model = M2M100ForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(
        bos_token_id=0, decoder_start_token_id=2, eos_token_id=2, pad_token_id=1, max_length=200
    )
    return _save(model, out_dir)


def build_tiny_nllb(out_dir: str | Path, texts: Sequence[str]) -> Path:
    """M2M100ForConditionalGeneration with an NLLB tokenizer (hin_Deva, eng_Latn), 1+1 layers, d_model 32."""
    return _build_nllb(Path(out_dir), texts, 800, None, max_position_embeddings=64, **_TINY)


NLLB_600M_VOCAB = 256206


def build_nllb_600m_size(out_dir: str | Path, texts: Sequence[str]) -> Path:
    """Random-weight model with the architecture of facebook/nllb-200-distilled-600M.

    Numbers from that model's published config.json (M2M100 architecture): d_model 1024,
    12 encoder + 12 decoder layers, 16 heads, FFN 4096, relu, scaled embeddings, vocab 256206,
    max_position_embeddings 1024, pad 1 / bos 0 / eos 2 / decoder start 2. About 2.5 GB of
    float32 weights: for benchmarks, not tests.
    """
    return _build_nllb(
        Path(out_dir), texts, 8000, NLLB_600M_VOCAB, d_model=1024, encoder_layers=12, decoder_layers=12,
        encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096,
        max_position_embeddings=1024, dropout=0.1, attention_dropout=0.1, activation_dropout=0.0,
        encoder_layerdrop=0.05, decoder_layerdrop=0.05, init_std=0.02, tie_word_embeddings=True,
    )


# --- mT5 cross-lingual summarizer ---------------------------------------------------------------


def build_tiny_mt5(out_dir: str | Path, texts: Sequence[str]) -> Path:
    """MT5ForConditionalGeneration with a T5 tokenizer and a crossSum-style ``langid_map``.

    As in csebuetnlp/mT5_m2m_crossSum, ``task_specific_params.langid_map[lang] = [index, token]``
    and generation starts from the target language's token; here those tokens are sentinels.
    """
    from transformers import GenerationConfig, MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spm_file = train_sentencepiece(texts, out_dir / "spiece", 600, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    tokenizer = T5Tokenizer(vocab=_pieces(spm_file), extra_ids=100, model_max_length=64)
    spm_file.unlink()
    spm_file.with_suffix(".vocab").unlink()
    tokenizer.save_pretrained(out_dir)
    langid_map = {"english": [57, "<extra_id_57>"], "hindi": [58, "<extra_id_58>"]}
    cfg = MT5Config(
        vocab_size=len(tokenizer), d_model=32, d_kv=16, d_ff=64, num_layers=1, num_decoder_layers=1,
        num_heads=2, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, tie_word_embeddings=False,
        initializer_factor=20.0,
        task_specific_params={"langid_map": langid_map},
    )
    torch.manual_seed(0)
    model = MT5ForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(decoder_start_token_id=0, eos_token_id=1, pad_token_id=0)
    return _save(model, out_dir)


def build_tiny_models(root: str | Path, texts: Sequence[str] | None = None) -> dict[str, Path]:
    """All three tiny architectures under ``root``: {"marian": ..., "nllb": ..., "mt5": ...}."""
    texts = list(texts) if texts is not None else corpus_texts()
    root = Path(root)
    return {
        "marian": build_tiny_marian(root / "marian", texts),
        "nllb": build_tiny_nllb(root / "nllb", texts),
        "mt5": build_tiny_mt5(root / "mt5", texts),
    }
