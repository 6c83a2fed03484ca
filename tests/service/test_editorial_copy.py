"""The overlay's per-worker copy of corrections and glossary: read again only when another worker
or host changed them, and then on the very next brief served (plain calls; two ``Editorial``
objects on one database are two hosts).

The same guarantee over HTTP with PostgreSQL is ``tests/editorial/test_two_hosts.py``.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from service.config import Settings
from service.editorial import Editorial
from service.editorial.overlay import Overlay
from service.quality.terms import GlossaryTerm

SENTENCE = "प्रधानमंत्री ने बुधवार को नई योजना की घोषणा की।"
OTHER = "राज्य सरकार ने भी इसका स्वागत किया।"


def brief() -> dict:
    bullets = [{"text": "The model's words.", "source_text": s, "source_indexes": [i]} for i, s in enumerate((SENTENCE, OTHER))]
    return {"language": "hi", "mode": "extractive", "title": None, "bullets": bullets, "warnings": []}


@pytest.fixture
def hosts(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, guards=False)
    one, two = Editorial(settings), Editorial(settings)
    yield Overlay(one, settings), two
    one.close()
    two.close()


def reloads() -> float:
    return REGISTRY.get_sample_value("briefs_editorial_copy_reloads_total") or 0.0


def test_a_change_on_another_host_shows_on_the_next_brief_and_nothing_is_read_again_meanwhile(hosts):
    overlay, other_host = hosts
    assert [b["text"] for b in overlay.apply(brief())["bullets"]] == ["The model's words."] * 2
    before = reloads()
    for _ in range(3):
        overlay.apply(brief())
    assert reloads() == before  # nothing changed: the copy was not read again

    created = other_host.corrections.add(SENTENCE, "The editor's words.")
    served = overlay.apply(brief())["bullets"]
    assert served[0]["text"] == "The editor's words." and served[0]["corrected"] is True
    assert served[0]["correction_id"] == created.id and served[1]["corrected"] is False
    assert reloads() == before + 1

    other_host.corrections.add(SENTENCE, "A second editor's words.")  # supersedes the first
    assert overlay.apply(brief())["bullets"][0]["text"] == "A second editor's words."

    active = other_host.corrections.active_for([SENTENCE])[SENTENCE]
    other_host.corrections.revert(active.id)
    assert overlay.apply(brief())["bullets"][0]["text"] == "The model's words."


def test_a_glossary_replaced_on_another_host_shows_on_the_next_brief(hosts):
    overlay, other_host = hosts
    overlay.apply(brief())
    other_host.glossary.replace([GlossaryTerm("प्रधानमंत्री", "Prime Minister", None)])
    _, index = overlay.copy.current()
    assert index.found_in(SENTENCE)
    other_host.glossary.replace([])
    _, index = overlay.copy.current()
    assert not index.found_in(SENTENCE)
