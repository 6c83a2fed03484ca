"""The real app under gunicorn, around a model that crashes on one word (a poisoned input).

``gunicorn -c gunicorn.conf.py tests.reliability.poisoned_wsgi:app``: everything is the production
app (settings from the environment, cache, gate, jobs, security); only the model wrapper raises
``RuntimeError`` whenever a generation batch holds a text with ``POISON`` in it, the way a model
fails on one pathological input (a CUDA assert, a tokenizer edge case).
"""
from service.app import create_app
from service.config import Settings
from service.pipeline.brief import BriefPipeline
from service.runtime import build_registry

POISON = "विस्फोटक"  # the same word as rel_helpers.POISON (this module builds an app on import)


class Poisoned:
    def __init__(self, inner):
        self.inner, self.info = inner, inner.info

    def generate(self, texts, task="translate", options=None):
        if any(POISON in t for t in texts):
            raise RuntimeError("device-side assert triggered (poisoned input)")
        return self.inner.generate(texts, task, options)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def _build():
    settings = Settings.from_env()
    registry = build_registry(settings)
    return create_app(settings, pipeline=BriefPipeline(settings, lambda name: Poisoned(registry.get(name))))


app = _build()
