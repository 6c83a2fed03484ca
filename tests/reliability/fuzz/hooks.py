"""Schemathesis hooks for the fuzzing step (SCHEMATHESIS_HOOKS=<this file>): one check of our own.

``positive_data_acceptance`` is configured to allow 422 for requests the document accepts, because a
well-formed article can still be refused for its content. This check keeps that allowance narrow:
such a 422 must carry one of the content codes, never a schema or option code, which would mean the
document is looser than the service's own validation.
"""
from __future__ import annotations

import schemathesis
from schemathesis.generation import GenerationMode

CONTENT_CODES = {"unsupported_language", "no_story_text", "unsupported_mode", "unsuitable_correction", "romanized_hindi",
                 "word_too_long", "sentence_too_long"}


@schemathesis.check
def refused_only_for_content(ctx, response, case) -> None:
    meta = case.meta
    if meta is None or meta.generation.mode is not GenerationMode.POSITIVE or response.status_code != 422:
        return None
    try:
        code = response.json().get("code")
    except ValueError:
        code = None
    if code not in CONTENT_CODES:
        raise AssertionError(
            f"A request the document accepts was refused with 422 {code!r}: the document is looser than "
            f"the service's validation. Detail: {response.text[:300]}"
        )
    return None
