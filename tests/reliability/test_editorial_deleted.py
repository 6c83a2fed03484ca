"""Issue 20 item 2 against a real gunicorn (2 workers): the editorial database deleted under the
running service. Before: POST /v1/corrections kept answering 201 into the deleted file, a restarted
worker created a fresh database beside it, list totals alternated between workers, and what was
acknowledged after the deletion was gone after a restart. Now: nothing is acknowledged that is not
in the file every worker reads; workers never create the database; creating it again is an
explicit step (a restart of the service, or ``python -m service db upgrade``)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from rel_helpers import REPO, AppGunicorn, assert_problem, pid_alive, wait_for

SENTENCES = [f"दिल्ली में आज {n} नए स्कूल खोले गए।" for n in range(1, 200)]
TRANSLATION = "{n} new schools were opened in Delhi today."


@pytest.fixture(scope="module")
def editorial_server(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("editorial-deleted")
    server = AppGunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "BRIEFS_WORKERS": "2",
         "BRIEFS_MAX_NEW_TOKENS": "16"},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def _post(server: AppGunicorn, n: int) -> requests.Response:
    return requests.post(server.url + "/v1/corrections", timeout=30,
                         json={"source": SENTENCES[n], "translation": TRANSLATION.format(n=n + 1)})


def _totals(server: AppGunicorn, tries: int = 12) -> list[int | str]:
    """The list total each answer gives (several answers: both workers), or the problem code."""
    seen: list[int | str] = []
    for _ in range(tries):
        response = requests.get(server.url + "/v1/corrections?status=all&limit=1", timeout=30)
        seen.append(response.json()["total"] if response.status_code == 200 else response.json()["code"])
    return seen


def _delete_database(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (data_dir / f"editorial.sqlite3{suffix}").unlink(missing_ok=True)


def test_a_deleted_editorial_database_is_never_written_to_or_recreated_by_workers(editorial_server):
    server = editorial_server
    data_dir = Path(server.env["BRIEFS_DATA_DIR"])
    assert (data_dir / "editorial.sqlite3").exists()  # created by the master at start, before any request
    before = [_post(server, n) for n in range(20)]
    assert [r.status_code for r in before] == [201] * 20

    _delete_database(data_dir)
    after = [_post(server, n) for n in range(20, 40)]
    acknowledged_after = [r.json()["id"] for r in after if r.status_code == 201]
    for response in after:
        assert_problem(response, 503, "editorial_unavailable")
    assert set(_totals(server)) == {"editorial_unavailable"}

    # A worker restarted meanwhile (killed, replaced by the master) does not create a new database.
    worker = server.workers()[0]
    os.kill(worker, signal.SIGKILL)
    wait_for(lambda: not pid_alive(worker) and len(server.workers()) == 2, 60, what="worker replaced")
    wait_for(lambda: requests.get(server.url + "/healthz", timeout=5).status_code == 200, 60, what="healthz")
    restarted = [_post(server, n) for n in range(40, 50)]
    for response in restarted:
        assert_problem(response, 503, "editorial_unavailable")
    assert not (data_dir / "editorial.sqlite3").exists()
    ready = wait_for(lambda: (r := requests.get(server.url + "/readyz", timeout=30)).status_code == 503 and [r], 10,
                     what="/readyz 503 (storage checks are cached for 2 s)")[0]
    assert "editorial database" in ready.json()["reason"], ready.json()

    # Creating it again is explicit: `python -m service db upgrade`; every worker then uses that file.
    subprocess.run([sys.executable, "-m", "service", "db", "upgrade"], cwd=REPO, check=True, timeout=120,
                   env={**os.environ, "BRIEFS_DATA_DIR": str(data_dir)}, capture_output=True)
    recreated = [_post(server, n) for n in range(50, 60)]
    assert [r.status_code for r in recreated] == [201] * 10
    totals = _totals(server)
    print(f"\neditorial database deleted under load: 20 acknowledged before; after the deletion "
          f"{len(acknowledged_after)} of 20 acknowledged (the rest 503), after a worker restart "
          f"{sum(r.status_code == 201 for r in restarted)} of 10; after `db upgrade` 10 of 10 acknowledged "
          f"and list totals {sorted(set(totals))} on every answer")
    assert acknowledged_after == []
    assert set(totals) == {10}  # one database: the same total from both workers

    server.stop()
    server.start()
    present = {c["source"] for c in requests.get(server.url + "/v1/corrections?status=all&limit=100", timeout=30).json()["items"]}
    print(f"after a restart of the service: {len(present & set(SENTENCES[50:60]))} of the 10 acknowledged "
          f"since the re-creation present, {len(present & set(SENTENCES[20:50]))} refused ones present")
    assert present == set(SENTENCES[50:60])
