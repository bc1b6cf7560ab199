"""Run one importer over hostile files in this process, under a memory limit; print one JSON line a file.

    python -m tests.helpers.hostile_runner IMPORTER DATABASE MEMORY_MB FILE...

Each line: {"file", "outcome" ("refused" | "accepted" | "bug"), "error", "seconds", "changed"}.
A MemoryError is a "bug" too: the limit is the test's bound.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    importer_name, database, memory_mb, *files = argv
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    from clustermanager.db import open_database
    from clustermanager.errors import UserError
    from tests.helpers.bad_input import FILE_ENTRY_POINTS
    from tests.helpers.fingerprint import fingerprint

    importer = next(e for e in FILE_ENTRY_POINTS if e.name == importer_name)
    db = open_database(database)
    for name in files:
        source = Path(name)
        slug = "".join(c if c.isalnum() else "_" for c in importer_name)
        path = source.with_name(f"{source.stem}.{slug}{importer.suffix}")  # the name this importer expects
        path.unlink(missing_ok=True)
        path.symlink_to(source)  # never a copy: the 201 MB CSV is sparse
        before = fingerprint(db)
        started = time.perf_counter()
        outcome, error = "accepted", ""
        try:
            with db.session() as session:
                importer.call(session, path)
        except UserError as exc:
            outcome, error = "refused", str(exc)
        except BaseException as exc:  # noqa: BLE001 (a bug, reported to the test)
            outcome, error = "bug", f"{type(exc).__name__}: {exc}"[:500]
        seconds = time.perf_counter() - started
        changed = fingerprint(db) != before
        print(json.dumps({"file": name, "outcome": outcome, "error": error, "seconds": round(seconds, 2),
                          "changed": changed}), flush=True)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
