"""Reading request bodies: JSON (validated by a pydantic model), or raw text with options in the query.

Every way a body can be wrong becomes a typed error: malformed JSON (400), a content type the
operation does not take (415), a body that does not match the schema (422), bytes that are not
UTF-8 (400), a JSON integer longer than ``MAX_INT_DIGITS`` digits (422: Python refuses to convert
more than 4,300 digits, and no field here needs more than 19). The size limit (413) is Flask's
``MAX_CONTENT_LENGTH`` (``BRIEFS_MAX_REQUEST_BYTES``), enforced while reading; a body sent with
``Transfer-Encoding: chunked`` (no length known in advance) is read up to one byte past that limit
by ``ChunkedBodyLimit`` before the app sees it, and is a 413 like any other when it has that byte
(werkzeug alone would cut it at the limit and process the rest silently).
"""
from __future__ import annotations

import io
import json
from typing import Any, Callable, Iterable, TypeVar

from flask import Flask, request
from pydantic import BaseModel, ValidationError

from service.errors import InvalidEncoding, InvalidInput
from service.http.problems import InvalidRequest, UnsupportedMediaType

M = TypeVar("M", bound=BaseModel)
MAX_INT_DIGITS = 64
TEXT_TYPES = {"text/plain": "text", "text/html": "html"}
ASYNC_VALUES = ("true", "1", "yes")
SYNC_VALUES = ("false", "0", "no")


def wants_async() -> bool:
    """``?async=true`` or ``Prefer: respond-async`` (RFC 7240); any other ``async`` value is a 422."""
    value = request.args.get("async")
    if value in ASYNC_VALUES:
        return True
    if value is not None and value not in SYNC_VALUES:
        raise InvalidRequest(f"async: use one of {', '.join(ASYNC_VALUES + SYNC_VALUES)}, not {value[:40]!r}.")
    return any(p.strip().lower() == "respond-async" for p in request.headers.get("Prefer", "").split(","))


def validated(model: type[M], data: Any, strict: bool = False) -> M:
    """``strict`` for JSON bodies: JSON types as the document states them (no true for 1, no "3" for 3);
    query-string and form options are strings and are converted."""
    try:
        return model.model_validate(data, strict=strict)
    except ValidationError as exc:
        raise InvalidRequest(_describe(exc)) from None


def json_body(model: type[M]) -> M:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            f"Send the body as application/json, not {request.mimetype or 'no content type'}."
        )
    return validated(model, _parse_json(), strict=True)


def body_or_text(model: type[M]) -> M:
    """JSON body, or a text/plain (text/html) body whose options come from the query string."""
    kind = TEXT_TYPES.get(request.mimetype)
    if kind is None:
        if request.mimetype != "application/json":
            raise UnsupportedMediaType(
                f"Send application/json, text/plain or text/html, not {request.mimetype or 'no content type'}."
            )
        return validated(model, _parse_json(), strict=True)
    try:
        text = request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidEncoding("The request body is not valid UTF-8 text.") from None
    options = {k: v for k, v in request.args.items() if k != "async"}
    return validated(model, {**options, kind: text})


def _parse_json() -> Any:
    raw = request.get_data()
    if not raw.strip():
        raise InvalidInput("The request body is empty; send a JSON object.")
    try:
        data = json.loads(raw, parse_int=_bounded_int)
        if b"\\ud" in raw.lower():  # a \uXXXX surrogate escape: reject unpaired ones ("\ud800")
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except UnicodeEncodeError:
        raise InvalidEncoding("The JSON body holds an unpaired surrogate (\\ud800-\\udfff): not valid Unicode text.") from None
    except UnicodeDecodeError:
        raise InvalidEncoding("The JSON body is not valid UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"Malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:  # "[[[[..." : a nesting bomb is bad input, not a server failure
        raise InvalidInput("The JSON body is nested too deeply.") from None


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InvalidRequest(f"A number in the body has {len(text.lstrip('-')):,} digits; "
                             f"numbers here have at most {MAX_INT_DIGITS}.")
    return int(text)


class ChunkedBodyLimit:
    """WSGI middleware: a chunked request body over the app's ``MAX_CONTENT_LENGTH`` becomes a 413.

    The body is read (up to the limit and one byte more) before Flask sees the request; a body
    within the limit is handed on with its length known, as if it had a ``Content-Length``; a larger
    one is handed on as an empty body declaring one byte over the limit, so that reading it raises
    werkzeug's ``RequestEntityTooLarge`` (413 ``input_too_large``) wherever it is read first. The
    limit is read from the app's config on every request, so it holds whatever its value."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]):
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            environ.pop("HTTP_TRANSFER_ENCODING")
            environ["CONTENT_LENGTH"] = str(len(body))
            environ["wsgi.input"] = io.BytesIO(b"" if len(body) > limit else body)
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream: Any, size: int) -> bytes:
    out = bytearray()
    while len(out) < size:
        piece = stream.read(min(64 * 1024, size - len(out)))
        if not piece:
            break
        out.extend(piece)
    return bytes(out)


def init_app(app: Flask) -> None:
    app.wsgi_app = ChunkedBodyLimit(app, app.wsgi_app)  # type: ignore[method-assign]


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"]) or "body"
        if error["type"] == "extra_forbidden" and error["loc"][-1:] in (("url",), ("link",)):
            parts.append(f"{where}: this service never fetches URLs; send the article itself as `text` or `html`")
            continue
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)
