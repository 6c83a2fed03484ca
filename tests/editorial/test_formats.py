"""TMX / CSV / JSONL round trips through ``python -m service memory``, and glossary files (CSV, TBX)."""
import pytest

from service.cli import main
from service.config import Settings
from service.editorial import Editorial
from service.editorial.formats import InvalidFile, Unit, read_glossary, read_units, write_glossary
from service.editorial.memory import MemoryEntry
from service.editorial.validate import UnsuitableCorrection
from service.quality.terms import GlossaryTerm

PAIRS = [
    ("भारत की राजधानी नई दिल्ली है।", "New Delhi is the capital of India."),
    ("प्रधानमंत्री ने बुधवार को \"बैठक\" की।", 'The PM held a "meeting" on Wednesday, 5 <b>sharp</b> & more.'),
    ("रूस के राष्ट्रपति व्लादिमीर पुतिन ने कहा।", "Russian President Vladimir Putin said."),
]
# A TMX as another tool writes it (TMX 1.4 example shape: header, tu with tuv/seg, a tu property).
FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OtherCAT" creationtoolversion="2" segtype="sentence" o-tmf="x"
 adminlang="en-US" srclang="hi-IN" datatype="plaintext"/><body>
<tu tuid="1" creationdate="20250102T030405Z"><prop type="client">desk</prop>
<tuv xml:lang="hi-IN"><seg>सरकार ने नई योजना शुरू की।</seg></tuv><tuv xml:lang="en-US"><seg>The government launched a new scheme.</seg></tuv></tu>
</body></tmx>"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFS_MODEL", "Helsinki-NLP/opus-mt-hi-en")
    return tmp_path


def _editorial(tmp_path) -> Editorial:
    return Editorial(Settings(data_dir=tmp_path / "data"))


@pytest.mark.parametrize("fmt", ["tmx", "csv", "jsonl"])
def test_memory_and_corrections_round_trip(env, fmt, monkeypatch):
    store = _editorial(env)
    store.memory.store([MemoryEntry(s, t, "Helsinki-NLP/opus-mt-hi-en@", "model") for s, t in PAIRS[:2]])
    store.corrections.add(PAIRS[2][0], PAIRS[2][1], by="key-1")
    out = env / f"tm.{fmt}"
    assert main(["memory", "export", str(out)]) == 0
    units = read_units(out.read_bytes(), fmt)
    assert {(u.source, u.translation, u.origin) for u in units} == {
        (PAIRS[0][0], PAIRS[0][1], "model"), (PAIRS[1][0], PAIRS[1][1], "model"), (PAIRS[2][0], PAIRS[2][1], "correction")}
    assert next(u for u in units if u.origin == "correction").created_by == "key-1"
    assert all(u.created_at and u.created_at.endswith("Z") for u in units)

    monkeypatch.setenv("BRIEFS_DATA_DIR", str(env / "other"))
    assert main(["memory", "import", str(out)]) == 0
    copy = Editorial(Settings(data_dir=env / "other"))
    remembered = copy.memory.lookup("Helsinki-NLP/opus-mt-hi-en@", [s for s, _ in PAIRS])
    assert remembered == {s: t for s, t in PAIRS}, "the correction came back as memory of the default model"
    assert main(["memory", "import", str(out), "--as", "corrections"]) == 0
    assert {c.translation for c in copy.corrections.active()} == {t for _, t in PAIRS}


def test_a_foreign_tmx_loads_into_a_models_memory(env):
    path = env / "agency.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    assert main(["memory", "import", str(path), "--model", "my-model"]) == 0
    entries = list(_editorial(env).memory.entries())
    assert [(e.source, e.translation, e.model, e.origin) for e in entries] == [
        ("सरकार ने नई योजना शुरू की।", "The government launched a new scheme.", "my-model@", "import")]


def test_import_as_corrections_skips_what_is_not_one_hindi_sentence(env, capsys):
    path = env / "bad.jsonl"
    path.write_text('{"source": "hello", "translation": "x"}\n{"source": "एक वाक्य है।", "translation": "A sentence."}\n'
                    '{"source": "एक। दो।", "translation": "Two."}\n', encoding="utf-8")
    assert main(["memory", "import", str(path), "--as", "corrections"]) == 0
    assert "imported 1 of 3" in capsys.readouterr().err


def test_unreadable_files_are_bad_input(env):
    path = env / "broken.tmx"
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    assert main(["memory", "import", str(path)]) == 2
    with pytest.raises(InvalidFile):
        read_units(b'{"source": 1}\n', "jsonl")


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_glossary_round_trip(fmt):
    terms = [GlossaryTerm("विदेश मंत्रालय", "Ministry of External Affairs", "MEA, not 'foreign ministry'"),
             GlossaryTerm("जयशंकर", "Jaishankar"), GlossaryTerm("भाजपा", "BJP, \"the party\"")]
    assert read_glossary(write_glossary(terms, fmt), fmt) == terms


def test_glossary_csv_without_header_and_bad_rows():
    assert read_glossary("जयशंकर,Jaishankar\n\nभाजपा,BJP,party\n".encode(), "csv") == [
        GlossaryTerm("जयशंकर", "Jaishankar"), GlossaryTerm("भाजपा", "BJP", "party")]
    for bad, why in [("जयशंकर\n".encode(), "column"), (b"\xff\xfe", "readable"), (",Jaishankar\n".encode(), "empty")]:
        with pytest.raises(InvalidFile, match=why):
            read_glossary(bad, "csv")
    for bad, why in [(b"Jaishankar,Jaishankar\n", "Devanagari"), ("जयशंकर,जयशंकर\n".encode(), "English")]:
        with pytest.raises(UnsuitableCorrection, match=f"entry 1: .*{why}"):
            read_glossary(bad, "csv")


def test_glossary_file_loads_once_per_change(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("hindi,english\nजयशंकर,Jaishankar\n", encoding="utf-8")
    store = Editorial(Settings(data_dir=tmp_path, glossary_file=path))
    assert [t.english for t in store.glossary.current()[0]] == ["Jaishankar"]
    store.glossary.replace([GlossaryTerm("मोदी", "Modi")], by="editor")  # over the API, later
    restarted = Editorial(Settings(data_dir=tmp_path, glossary_file=path))
    assert [t.english for t in restarted.glossary.current()[0]] == ["Modi"], "an unchanged file does not undo the API's change"
    path.write_text("hindi,english\nभाजपा,BJP\n", encoding="utf-8")
    edited = Editorial(Settings(data_dir=tmp_path, glossary_file=path))
    assert [t.english for t in edited.glossary.current()[0]] == ["BJP"] and edited.glossary.version()["updated_by"] == "file:glossary.csv"


def test_units_keep_their_fields():
    unit = Unit("एक।", "One.", "retry", "m@r", "2026-01-02T03:04:05Z", "k")
    from service.editorial.formats import write_units

    for fmt in ("tmx", "csv", "jsonl"):
        assert read_units(write_units([unit], fmt), fmt) == [unit]


FORMULAS = ["=HYPERLINK(\"http://127.0.0.1:1/x\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3", "\t=1+1", "\r=1+1", "'=already quoted", "''-twice", "plain text", "", "A = B", "x-y", "'apostrophe"]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_cells_never_start_a_formula_and_read_back_unchanged(text):
    """Issue 20 item 5 (OWASP CSV injection): exported cells are text to a spreadsheet; import restores them."""
    from service.editorial.formats import csv_cell, csv_text

    cell = csv_cell(text)
    assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    assert csv_text(cell) == text


def test_glossary_and_corrections_csv_exports_neutralise_formulas(tmp_path):
    import csv
    import io

    from service.editorial.formats import Unit, read_units, write_units

    terms = [GlossaryTerm("भाजपा", "=HYPERLINK(\"http://127.0.0.1:1/\",\"BJP\")", "@SUM(1)"),
             GlossaryTerm("कांग्रेस", "+Congress", "-2+3")]
    data = write_glossary(terms, "csv")
    cells = [cell for row in csv.reader(io.StringIO(data.decode())) for cell in row]
    assert "'=HYPERLINK(\"http://127.0.0.1:1/\",\"BJP\")" in cells and "'@SUM(1)" in cells and "'+Congress" in cells
    assert not any(cell[:1] in "=+-@" and cell for cell in cells)
    assert [(t.english, t.note) for t in read_glossary(data, "csv")] == [(t.english, t.note) for t in terms]
    units = [Unit("भारत की राजधानी नई दिल्ली है।", "=1+1", "correction", None, None, "@editor")]
    exported = write_units(units, "csv")
    assert all(not cell[:1] in "=+-@" or not cell for row in csv.reader(io.StringIO(exported.decode())) for cell in row)
    assert read_units(exported, "csv") == units
