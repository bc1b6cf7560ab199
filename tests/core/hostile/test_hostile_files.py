"""Every importer against every hostile file, each importer in its own process under a memory limit
(issue 16, point 2 and the harness of its "done when").

The rule: a refusal (a UserError with a message), the database unchanged, the memory limit never hit,
and no file taking long (the bound is generous, a guard against hangs and runaway parsing on a shared
machine; the speed itself is measured in benchmarks/bench_hostile.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.bad_input import FILE_ENTRY_POINTS
from tests.helpers.hostile_files import build_all

ROOT = Path(__file__).resolve().parents[3]
MEMORY_MB = 1024  # the registration reader used over 5 GB on a 1.7 KB file
SECONDS_BOUND = 30  # a hang guard, not a speed test


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("hostile"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="resource limits are POSIX")
@pytest.mark.parametrize("importer", [e.name for e in FILE_ENTRY_POINTS])
def test_every_importer_refuses_every_hostile_file_within_bounds(importer, hostile, tmp_path):
    from clustermanager.db import open_database

    database = tmp_path / "target.cmdb"
    open_database(database).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLUSTERMANAGER_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-m", "tests.helpers.hostile_runner", importer, str(database),
                           str(MEMORY_MB), *map(str, hostile.values())], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=SECONDS_BOUND * len(hostile), check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    labels = {str(p): label for label, p in hostile.items()}
    assert len(results) == len(hostile), proc.stderr[-3000:]
    for r in results:
        where = f"{importer} / {labels[r['file']]}"
        assert r["outcome"] == "refused", f"{where}: {r['outcome']} {r['error']}"
        assert r["error"].strip(), where
        assert not r["changed"], f"{where} changed the database"
        assert r["seconds"] < SECONDS_BOUND, f"{where} took {r['seconds']} s"


def test_a_unicode_text_export_from_excel_is_a_registration_list(tmp_path):
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated, .txt."""
    from clustermanager.io.registrations import read_registrations

    path = tmp_path / "deelnemers.txt"
    path.write_bytes("Naam\tE-mail\tBedrijf\r\nZoë Peeters\tzoe@example.org\tAcme NV\r\n".encode("utf-16"))
    [row] = read_registrations(path)
    assert (row.name, row.email, row.organisation) == ("Zoë Peeters", "zoe@example.org", "Acme NV")
    path.write_bytes("Naam\tE-mail\r\nZoë Peeters\tzoe@example.org\r\n".encode("utf-16-le"))  # no BOM
    assert read_registrations(path)[0].name == "Zoë Peeters"


def test_a_nul_in_a_csv_says_where_and_what_to_do(hostile):
    from clustermanager.errors import FileFormatError
    from clustermanager.io.sheets import read_table

    with pytest.raises(FileFormatError) as caught:
        read_table(hostile["UTF-16 without BOM, with a NUL"])
    assert caught.value.row == 2 and "NUL" in str(caught.value) and "CSV UTF-8" in str(caught.value)
