"""The rule above all others: the core runs without Qt."""

import subprocess
import sys

CORE_MODULES = ["clustermanager.models", "clustermanager.services.members", "clustermanager.services.cluster",
                "clustermanager.services.integrity", "clustermanager.db", "clustermanager.cli",
                "clustermanager.demo", "clustermanager.validation", "clustermanager.backup"]


def test_core_imports_without_loading_pyside6():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "import clustermanager.cli as cli\n"
        "cli.build_parser()\n"  # imports every command module too
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt was loaded by the core: {result.stdout.strip()}"
