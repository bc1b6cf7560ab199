"""The bundle's entry point, for both executables (windowed `ClusterManager`, console `clustermanager-cli`).

No arguments: the window. A single `.cmdb` path (a double-clicked database file: the Windows file
association passes it in argv; on macOS PyInstaller's argv emulation turns the launching "open
document" event into argv): the window on that database. Anything else: the command line (`selftest`, `check`, ...).
"""

import os
import sys

# The windowed executable has no console: PyInstaller leaves sys.stdout/stderr as None, and the first
# print (an argparse message, a warning) would raise. Send them nowhere instead.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (open for the whole process)
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115

from clustermanager.cli import main  # noqa: E402
from clustermanager.config import DATABASE_SUFFIX  # noqa: E402


def bundle_args(argv: list[str]) -> list[str]:
    """The command line for `clustermanager.cli.main`: a lone database file opens in the window."""
    if len(argv) == 1 and argv[0].lower().endswith(DATABASE_SUFFIX):
        return ["--db", argv[0]]
    return argv


if __name__ == "__main__":
    sys.exit(main(bundle_args(sys.argv[1:])))
