"""Servers the Slack tests run in this process: the app around a model the test controls."""
from __future__ import annotations

import threading

SECRET = "test-signing-secret-8d1f"
TOKEN = "xoxb-test-token-5c2e"


class Controllable:
    """A real generator (the tiny model) that can fail, or answer with a fixed hostile text."""

    def __init__(self, inner):
        self.inner, self.info = inner, inner.info
        self.explode = False
        self.reply: str | None = None

    def generate(self, texts, task="translate", options=None):
        if self.explode:
            raise RuntimeError("CUDA error: device-side assert triggered")
        if self.reply is not None:
            return [self.reply for _ in texts]
        return self.inner.generate(texts, task, options)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


class InProcess:
    def __init__(self, app, generator: Controllable):
        from werkzeug.serving import make_server

        self.generator = generator
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve_app(settings, generator: Controllable | None = None) -> InProcess:
    from service.app import create_app
    from service.pipeline.brief import BriefPipeline

    pipeline = BriefPipeline(settings, lambda name: generator) if generator is not None else None
    return InProcess(create_app(settings, pipeline=pipeline), generator)  # type: ignore[arg-type]
