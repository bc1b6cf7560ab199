"""The bundle's entry point, for both executables (windowed `ClusterManager`, console `clustermanager-cli`).

No arguments: the window. A single `.cmdb` path (a double-clicked database file, via the Windows file
association): the window on that database. Anything else: the command line (`selftest`, `check`, ...).
"""

import sys

from clustermanager.cli import main
from clustermanager.config import DATABASE_SUFFIX

if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 1 and args[0].lower().endswith(DATABASE_SUFFIX):
        args = ["--db", args[0]]
    sys.exit(main(args))
