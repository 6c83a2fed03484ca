"""Convert an HF checkpoint for the CTranslate2 backend: ``python -m service convert MODEL --out DIR``.

Kept apart from ``models.ct2`` so the CLI can register the command without importing torch.
A converted directory holds CTranslate2's ``model.bin``, ``config.json`` and vocabulary, plus
``hf/`` with the checkpoint's own tokenizer files and config.json (no weights).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.conventions import Convention, convention_for, detect_architecture
from service.errors import ModelUnavailable, UnsupportedOption

HF_SUBDIR = "hf"
CT2_CONFIG = "config.json"
QUANTIZATIONS = ("int8", "int8_float16", "int8_float32", "float16", "bfloat16", "float32")
# Weights are stored int8 by default: CTranslate2 converts them to float16 at load time on a GPU.
DEFAULT_QUANTIZATION = "int8"


def hf_parts(source: str, revision: str | None = None, trust_remote_code: bool = False) -> tuple[Any, Any, Convention]:
    """(config, tokenizer, convention) of an HF checkpoint or of a converted directory's ``hf/``."""
    from transformers import AutoConfig, AutoTokenizer

    common = {"revision": revision, "trust_remote_code": trust_remote_code}
    config = AutoConfig.from_pretrained(source, **common)
    architecture = detect_architecture(config, source)
    tokenizer = AutoTokenizer.from_pretrained(source, **common)
    return config, tokenizer, convention_for(architecture, config, tokenizer, source)


def convert(
    model: str, out_dir: str | Path, quantization: str = DEFAULT_QUANTIZATION, revision: str | None = None,
    trust_remote_code: bool = False, force: bool = False,
) -> Path:
    """Convert ``model`` (HF id or local dir) into ``out_dir`` for ``ModelSpec(backend="ctranslate2")``."""
    from ctranslate2.converters import TransformersConverter

    if quantization not in QUANTIZATIONS:
        raise UnsupportedOption(f"Unknown quantization {quantization!r}; use one of: {', '.join(QUANTIZATIONS)}.")
    out = Path(out_dir)
    try:
        config, tokenizer, convention = hf_parts(model, revision, trust_remote_code)
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"Model {model!r} could not be read for conversion: {exc}") from exc
    converter = TransformersConverter(model, revision=revision, trust_remote_code=trust_remote_code)
    converter.convert(str(out), quantization=quantization, force=force)
    if "decoder_start_token_id" in convention.generate_kwargs():
        # The convention picks the decoder's start token (mT5's language token): leave it to the
        # target prefix, so decoding starts from exactly the token transformers would start from.
        ct2_config = out / CT2_CONFIG
        data = json.loads(ct2_config.read_text(encoding="utf-8"))
        data["decoder_start_token"] = None
        ct2_config.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tokenizer.save_pretrained(out / HF_SUBDIR)
    config.save_pretrained(out / HF_SUBDIR)
    return out


def add_convert(sub: Any) -> None:
    """``python -m service convert MODEL --out DIR``: the CLI command (registered in service/cli.py)."""
    p = sub.add_parser("convert", help="convert an HF checkpoint for BRIEFS_BACKEND=ctranslate2")
    p.add_argument("model", help="HF id or local directory of the checkpoint")
    p.add_argument("--out", required=True, help="directory to write (then BRIEFS_MODEL=DIR)")
    p.add_argument("--quantization", default=DEFAULT_QUANTIZATION, choices=QUANTIZATIONS, help="weights as stored")
    p.add_argument("--revision", help="git revision of the checkpoint on the hub")
    p.add_argument("--trust-remote-code", action="store_true", help="allow the checkpoint's own code")
    p.add_argument("--force", action="store_true", help="overwrite an existing output directory")
    p.set_defaults(run=_run_convert)


def _run_convert(args: Any) -> int:
    out = convert(
        args.model, args.out, args.quantization, revision=args.revision,
        trust_remote_code=args.trust_remote_code, force=args.force,
    )
    print(out)
    return 0


if __name__ == "__main__":  # ``python -m models.convert``: the conversion alone (models.conversions runs it)
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m models.convert")
    add_convert(parser.add_subparsers(dest="command", required=True))
    arguments = parser.parse_args(["convert", *sys.argv[1:]])
    sys.exit(arguments.run(arguments))
