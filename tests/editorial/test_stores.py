"""The editorial stores on SQLite and on a real PostgreSQL server (each test runs on both)."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from service.editorial import db
from service.editorial.memory import MemoryEntry
from service.editorial.schema import metadata
from service.quality.terms import GlossaryTerm

S1 = "भारत की राजधानी नई दिल्ली है।"
S2 = "प्रधानमंत्री ने बुधवार को बैठक की।"


def test_migrations_build_exactly_the_schema_the_code_uses(editorial):
    assert db.current_revision(editorial.engine) == db.head_revision()
    with editorial.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    db.upgrade(editorial.engine)  # again: a no-op


def test_correction_history_supersede_and_revert(editorial):
    corrections = editorial.corrections
    first = corrections.add(S1, "New Delhi is India's capital.", replaced="India capital Delhi is.", by="key-a")
    assert first.status == "active" and first.replaced == "India capital Delhi is." and first.created_by == "key-a"
    # Another spelling of the same sentence: supersedes, and remembers what it replaced.
    second = corrections.add("भारत की राजधानी  नई दिल्ली है", "The capital of India is New Delhi.", by="key-b")
    assert second.replaced == first.translation
    old = corrections.get(first.id)
    assert (old.status, old.superseded_by, old.ended_by) == ("superseded", second.id, "key-b")
    assert corrections.active_for([S1, S2]) == {S1: second}
    reverted = corrections.revert(second.id, by="key-c")
    assert (reverted.status, reverted.ended_by) == ("reverted", "key-c") and reverted.ended_at >= reverted.created_at
    assert corrections.active_for([S1]) == {}
    assert corrections.revert(second.id, by="key-d").ended_by == "key-c", "an ended correction stays as it was"
    history, total = corrections.search(status=None)
    assert total == 2 and [c.id for c in history] == [second.id, first.id]


def test_correction_search_filters_and_pages(editorial):
    corrections = editorial.corrections
    for n in range(7):
        corrections.add(f"वाक्य संख्या {n} यहाँ है।", f"Sentence number {n} is here.")
    corrections.add(S2, "The PM held a meeting on Wednesday; 100% sure_of it.")
    page, total = corrections.search(limit=3, offset=0)
    assert total == 8 and len(page) == 3
    assert corrections.search(text="WEDNESDAY")[1] == 1, "case-insensitive on the English"
    assert corrections.search(text="बुधवार")[1] == 1, "the Hindi sentence too"
    assert corrections.search(text="100%")[1] == 1 and corrections.search(text="_of")[1] == 1, "wildcards are literal"
    assert corrections.search(text="%")[1] == 1
    assert corrections.search(text="reverted", status="reverted")[1] == 0


def test_memory_per_model_and_sentence(editorial):
    memory = editorial.memory
    stored = memory.store([MemoryEntry(S1, "Delhi is the capital.", "m@1"), MemoryEntry(S2, "PM met.", "m@1"),
                           MemoryEntry(S1, "Capital: Delhi.", "other@")])
    assert stored == 3
    assert memory.lookup("m@1", ["भारत की राजधानी नई दिल्ली है", S2, "कुछ और।"]) == {
        "भारत की राजधानी नई दिल्ली है": "Delhi is the capital.", S2: "PM met."}
    assert memory.lookup("m@2", [S1]) == {}, "another revision of the model does not share translations"
    memory.store([MemoryEntry(S1, "Changed.", "m@1")])
    assert memory.lookup("m@1", [S1])[S1] == "Delhi is the capital.", "the first translation stays"
    memory.store([MemoryEntry(S1, "Changed.", "m@1", "import")], replace=True)
    assert memory.lookup("m@1", [S1])[S1] == "Changed."
    assert memory.count() == 3 and memory.count("m@1") == 2
    assert {e.origin for e in memory.entries("m@1")} == {"import", "model"}


def test_glossary_versions_and_cached_reads(editorial):
    glossary = editorial.glossary
    assert glossary.current()[0] == [] and glossary.version()["version"] == 0
    version = glossary.replace([GlossaryTerm("जयशंकर", "Jaishankar", "EAM"), GlossaryTerm("भाजपा", "BJP")], by="k")
    assert version["version"] == 1 and version["updated_by"] == "k"
    terms, index = glossary.current()
    assert [t.english for t in terms] == ["Jaishankar", "BJP"]
    assert [t.hindi for t in index.found_in("भाजपा नेता जयशंकर ने कहा")] == ["भाजपा", "जयशंकर"]
    assert glossary.current()[1] is index, "unchanged version: the cached index is reused"
    glossary.replace([GlossaryTerm("मोदी", "Modi")])
    assert [t.english for t in glossary.current()[0]] == ["Modi"] and glossary.version()["version"] == 2
