"""Typed errors of the pipeline and the service.

Every error a user can cause is a ``BriefError`` with a stable ``code`` and the HTTP ``status``
the web layer maps it to. The pipeline never imports Flask; the HTTP layer reads these attributes.
"""
from __future__ import annotations


class BriefError(Exception):
    """Base of all expected errors: a clear message, a machine code and an HTTP status."""

    code = "brief_error"
    status = 400
    title = "Bad request"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class InvalidInput(BriefError):
    code = "invalid_input"
    status = 400
    title = "Invalid input"


class InvalidEncoding(InvalidInput):
    code = "invalid_encoding"
    title = "Input is not valid UTF-8"


class EmptyInput(InvalidInput):
    code = "empty_input"
    title = "No text to brief"


class NoStoryText(EmptyInput):
    """Well-formed input with nothing to brief once read: an HTML page without text, or nothing but
    site boilerplate. 422, not 400: the request was fine, its content cannot be processed."""

    code = "no_story_text"
    status = 422
    title = "No story text"


class UnsupportedLanguage(BriefError):
    code = "unsupported_language"
    status = 422
    title = "Unsupported language"

    def __init__(self, detail: str, language: str | None = None):
        super().__init__(detail)
        self.language = language


class RomanizedHindi(UnsupportedLanguage):
    """Hindi in Latin letters: refused with what to send instead (the CLI exits with 4)."""

    code = "romanized_hindi"
    title = "Hindi in Latin script"
    exit_code = 4

    def __init__(self, detail: str):
        super().__init__(detail, "hi-Latn")


class InputTooLarge(BriefError):
    code = "input_too_large"
    status = 413
    title = "Input too large"


class UnsupportedOption(BriefError):
    """An unknown mode, model, or a mode the chosen model cannot do."""

    code = "unsupported_option"
    status = 422
    title = "Unsupported option"


class UnsupportedMode(UnsupportedOption):
    """A mode the chosen model cannot do (a translation model asked for abstractive summaries). The
    API document cannot state it (it depends on the model), so it has a code of its own."""

    code = "unsupported_mode"
    title = "Mode not available for this model"


class ModelUnavailable(BriefError):
    """The model cannot be loaded: not cached locally and not downloadable, or a broken directory."""

    code = "model_unavailable"
    status = 503
    title = "Model unavailable"


class ModelNotDownloaded(ModelUnavailable):
    """A hub model that is not (completely) in the local cache while downloads are allowed."""


class GenerationFailed(BriefError):
    code = "generation_failed"
    status = 500
    title = "Generation failed"


# -- cost bounds (serving: docs/reliability.md "Cost bounds") ------------------------------------


class DeadlineExceeded(BriefError):
    """A generation stopped at its deadline (the request's, or an async job's budget), or because every
    request waiting for it had given up. Raised in the worker's generation thread, never left running."""

    code = "timeout"
    status = 504
    title = "Request timed out"


class WordTooLong(BriefError):
    """A run of characters without any space longer than any word of any language (a hash, a data
    blob, a pasted binary): refused before any work, instead of minutes of chunking and generation."""

    code = "word_too_long"
    status = 422
    title = "Unbroken run of characters too long"


