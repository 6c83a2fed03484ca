"""Per-architecture conventions: which tasks a model can do and how to feed it.

Detected from the loaded config's ``model_type`` (IndicTrans2 also by its name, since its config
comes from remote code). A convention knows how to prepare and encode a batch, which extra
``generate`` kwargs select the target language, how to decode, and how many input tokens fit.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

from service.errors import ModelUnavailable, UnsupportedOption

TRANSLATE_ONLY = frozenset({"translate"})
SUMMARIZE_ONLY = frozenset({"summarize"})
SUPPORTED = "marian (opus-mt), m2m100 (NLLB-200, M2M100), mt5/t5 cross-lingual summarizers, indictrans2"

# A tokenizer without a real limit reports a huge model_max_length (int(1e30)).
_SANE_MAX_LENGTH = 100_000
_DEFAULT_MAX_INPUT = 512
# Language-code tokens: NLLB's ``hin_Deva``, M2M100's ``__hi__``.
_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{3}_[A-Z][a-z]{3}|__[a-z]{2,3}__)$")


def detect_architecture(config: Any, name: str) -> str:
    """Map a loaded config (and the model's name) to a convention key, or raise UnsupportedOption."""
    model_type = str(getattr(config, "model_type", "")).lower()
    if "indictrans" in model_type or "indictrans2" in name.lower():
        return "indictrans2"
    if model_type in {"marian", "m2m_100"}:
        return "m2m100" if model_type == "m2m_100" else "marian"
    if model_type in {"mt5", "t5"}:
        return "mt5"
    raise UnsupportedOption(
        f"Model {name!r} has architecture {model_type or 'unknown'!r}, which this service cannot run. "
        f"Supported: {SUPPORTED}."
    )


class Convention:
    """Base convention: plain tokenizer call, plain decode, no language forcing."""

    architecture = "seq2seq"
    tasks: frozenset[str] = TRANSLATE_ONLY

    def __init__(self, config: Any, tokenizer: Any, name: str):
        self.config = config
        self.tokenizer = tokenizer
        self.name = name
        self.max_input_tokens = self._max_input_tokens()
        self.max_output_tokens = self._max_output_tokens()

    def _max_input_tokens(self) -> int:
        names = ("max_position_embeddings", "max_source_positions")
        limits = [int(n) for n in (getattr(self.config, k, None) for k in names) if n]
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        if tok_max and tok_max < _SANE_MAX_LENGTH:
            limits.append(int(tok_max))
        return min(limits) if limits else _DEFAULT_MAX_INPUT

    def _max_output_tokens(self) -> int | None:
        """Longest output the decoder can position, or None when it has no fixed table."""
        return None

    def prepare(self, texts: Sequence[str]) -> list[str]:
        """Text-level preprocessing before tokenization (identity unless the model needs more)."""
        return list(texts)

    def encode(self, texts: Sequence[str]) -> dict[str, Any]:
        """Tokenize a prepared batch. Never truncates: chunking upstream makes every input fit."""
        return self.tokenizer(list(texts), padding=True, truncation=False, return_tensors="pt")

    def count_tokens(self, text: str) -> int:
        """Input tokens the encoder sees for ``text``, special tokens included."""
        prepared = self.prepare([text])[0]
        return len(self.tokenizer(prepared, truncation=False)["input_ids"])

    def generate_kwargs(self) -> dict[str, Any]:
        return {}

    def suppressed_token_ids(self) -> list[int]:
        """Tokens the output may never contain (none unless the model needs it)."""
        return []

    def decode(self, sequences: Any) -> list[str]:
        out = self.tokenizer.batch_decode(sequences, skip_special_tokens=True)
        return [t.strip() for t in out]


class MarianConvention(Convention):
    """opus-mt: one language pair per model, nothing to select; positions cap the input."""

    architecture = "marian"

    def _max_output_tokens(self) -> int | None:
        # Static sinusoidal table of max_position_embeddings rows; the decoder start token takes one.
        return int(self.config.max_position_embeddings) - 1


class M2M100Convention(Convention):
    """NLLB-200 (``hin_Deva``/``eng_Latn``) or plain M2M100 (``hi``/``en``) on the M2M100 architecture."""

    architecture = "m2m100"

    def __init__(self, config: Any, tokenizer: Any, name: str):
        super().__init__(config, tokenizer, name)
        vocab = tokenizer.get_vocab()
        if "hin_Deva" in vocab and "eng_Latn" in vocab:
            tokenizer.src_lang = "hin_Deva"
            self._forced_bos = vocab["eng_Latn"]
        elif hasattr(tokenizer, "get_lang_id"):
            tokenizer.src_lang = "hi"
            self._forced_bos = tokenizer.get_lang_id("en")
        else:
            raise ModelUnavailable(
                f"Model {name!r} is an M2M100 model but its tokenizer knows neither the NLLB codes "
                "hin_Deva/eng_Latn nor the M2M100 codes hi/en; the tokenizer files are missing or wrong."
            )
        self._other_languages = sorted(
            i for token, i in vocab.items() if _LANGUAGE_CODE.match(token) and i != self._forced_bos
        )

    def generate_kwargs(self) -> dict[str, Any]:
        return {"forced_bos_token_id": self._forced_bos}

    def suppressed_token_ids(self) -> list[int]:
        """Every other language's code: the output is English, so a language switch mid-output is an error.

        Such a token is special and decodes to nothing, so an output made of them would be blank.
        """
        return list(self._other_languages)


class MT5Convention(Convention):
    """mT5 cross-lingual summarizers (csebuetnlp/mT5_m2m_crossSum style).

    The target language is picked by starting the decoder with that language's token, listed in
    ``config.task_specific_params["langid_map"][language][1]``.
    """

    architecture = "mt5"
    tasks = SUMMARIZE_ONLY
    _whitespace = re.compile(r"\s+")

    def __init__(self, config: Any, tokenizer: Any, name: str):
        super().__init__(config, tokenizer, name)
        langid_map = (getattr(config, "task_specific_params", None) or {}).get("langid_map") or {}
        if "english" not in langid_map:
            raise UnsupportedOption(
                f"Model {name!r} is a T5/mT5 model without task_specific_params.langid_map['english']; "
                "only cross-lingual summarizers like csebuetnlp/mT5_m2m_crossSum are supported."
            )
        token = langid_map["english"][1]
        token_id = tokenizer.convert_tokens_to_ids(token)
        if token_id is None or token_id == tokenizer.unk_token_id:
            raise ModelUnavailable(f"Model {name!r}: its English language token {token!r} is not in the tokenizer vocabulary.")
        self._start_id = int(token_id)

    def _max_input_tokens(self) -> int:
        # Relative position buckets: no hard limit in the config; trust the tokenizer, else 512.
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        return int(tok_max) if tok_max and tok_max < _SANE_MAX_LENGTH else _DEFAULT_MAX_INPUT

    def prepare(self, texts: Sequence[str]) -> list[str]:
        # The crossSum model card collapses newlines and runs of whitespace before tokenizing.
        return [self._whitespace.sub(" ", t).strip() for t in texts]

    def generate_kwargs(self) -> dict[str, Any]:
        return {"decoder_start_token_id": self._start_id}


class IndicTrans2Convention(Convention):
    """ai4bharat IndicTrans2 indic-en: remote model code plus IndicTransToolkit pre/post-processing.

    Not exercised by the test-suite (no offline model or toolkit here); it follows the model card.
    """

    architecture = "indictrans2"
    src_lang = "hin_Deva"
    tgt_lang = "eng_Latn"

    def __init__(self, config: Any, tokenizer: Any, name: str):
        super().__init__(config, tokenizer, name)
        self._processor = indic_processor(name)

    def prepare(self, texts: Sequence[str]) -> list[str]:
        return self._processor.preprocess_batch(list(texts), src_lang=self.src_lang, tgt_lang=self.tgt_lang)

    def decode(self, sequences: Any) -> list[str]:
        raw = self.tokenizer.batch_decode(sequences, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return [t.strip() for t in self._processor.postprocess_batch(raw, lang=self.tgt_lang)]


def indic_processor(name: str) -> Any:
    """IndicTransToolkit's IndicProcessor, or ModelUnavailable naming the pip package."""
    try:
        from IndicTransToolkit.processor import IndicProcessor  # type: ignore[import-not-found]
    except ImportError:
        try:
            from IndicTransToolkit import IndicProcessor  # type: ignore[import-not-found,no-redef]
        except ImportError:
            raise ModelUnavailable(
                f"Model {name!r} (IndicTrans2) needs IndicTransToolkit for its pre- and post-processing: "
                "pip install IndicTransToolkit"
            ) from None
    return IndicProcessor(inference=True)


_CONVENTIONS: dict[str, type[Convention]] = {
    "marian": MarianConvention,
    "m2m100": M2M100Convention,
    "mt5": MT5Convention,
    "indictrans2": IndicTrans2Convention,
}


def convention_for(architecture: str, config: Any, tokenizer: Any, name: str) -> Convention:
    return _CONVENTIONS[architecture](config, tokenizer, name)
