"""The one small interface every model backend implements."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, Sequence, runtime_checkable

Task = Literal["translate", "summarize"]


@dataclass(frozen=True)
class ModelSpec:
    """What to load: an HF id or a local directory, and how to run it."""

    name_or_path: str
    revision: str | None = None
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    dtype: str = "auto"  # auto | float32 | float16 | bfloat16
    backend: str = "transformers"  # transformers | ctranslate2 | auto (models.engine chooses)
    trust_remote_code: bool = False
    src_lang: str = "hi"
    tgt_lang: str = "en"
    converted_dir: str | None = None  # auto: where converted copies go when not beside the model


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings for one ``generate`` call.

    ``max_new_tokens`` is a hard ceiling; the backend also caps each input's output at
    ``length_ratio * input_tokens + length_margin`` because random or confused models never stop.
    """

    num_beams: int = 1
    max_new_tokens: int = 256
    length_ratio: float = 2.0
    length_margin: int = 10
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0


@dataclass
class ModelInfo:
    model_id: str
    revision: str | None
    architecture: str  # marian | m2m100 | mt5 | indictrans2 | ...
    backend: str
    device: str
    tasks: frozenset[str] = field(default_factory=frozenset)
    max_input_tokens: int = 512
    max_output_tokens: int | None = None  # decoder position limit, if the architecture has one


@runtime_checkable
class Generator(Protocol):
    """A loaded seq2seq model: a batch of source texts in, one output text per input out (same order)."""

    info: ModelInfo

    def generate(
        self, texts: Sequence[str], task: Task = "translate", options: DecodeOptions | None = None
    ) -> list[str]: ...

    def count_tokens(self, text: str) -> int: ...
