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


def test_services_do_not_depend_on_the_demo_generator():
    """The demo builds on the services, never the other way round."""
    code = (
        "import sys, importlib, pkgutil, clustermanager.services as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module(f'clustermanager.services.{m.name}')\n"
        "print('clustermanager.demo' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
