"""Schemathesis hooks for the fuzzing step (SCHEMATHESIS_HOOKS=<this file>): one check of our own,
and one case of our own.

``positive_data_acceptance`` is configured to allow 422 for requests the document accepts, because a
well-formed article can still be refused for its content. This check keeps that allowance narrow:
such a 422 must carry one of the content codes, never a schema or option code, which would mean the
document is looser than the service's own validation.

The big-integer case (issue 20 item 7): every ``BIG_INT_EVERY``-th negative case with a JSON object
body gets ``"bullets"`` set to an integer of ``BIG_INT_DIGITS`` digits, more than Python converts
by default (4,300): before the fix each such body was a 500 with a traceback. Such a case must be
refused like any schema-violating one (``negative_data_rejection``) and never be a server error.
Each one sent is logged (the operation, one line) to ``$BIG_INT_LOG``, so the test can see them.
"""
from __future__ import annotations

import itertools
import os
import sys

import schemathesis
from schemathesis.generation import GenerationMode

BIG_INT_DIGITS = 5_000
BIG_INT_EVERY = 3
sys.set_int_max_str_digits(0)  # this process must be able to write the number into the request body
_negative_bodies = itertools.count()

CONTENT_CODES = {"unsupported_language", "no_story_text", "unsupported_mode", "unsuitable_correction", "romanized_hindi",
                 "word_too_long"}


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


@schemathesis.hook
def map_case(ctx, case):
    meta = case.meta
    if meta is None or meta.generation.mode is not GenerationMode.NEGATIVE or not isinstance(case.body, dict):
        return case
    if next(_negative_bodies) % BIG_INT_EVERY:
        return case
    case.body = {**case.body, "bullets": int("9" * BIG_INT_DIGITS)}
    log = os.environ.get("BIG_INT_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{case.method} {case.path}\n")
    return case
