"""The domain packages load without Qt: the command line and the bureau's scripts never need it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import fazhi_desktop


def test_domain_modules_import_without_pyside6():
    modules = [
        m.name
        for m in pkgutil.walk_packages(fazhi_desktop.__path__, "fazhi_desktop.")
        if not m.name.startswith("fazhi_desktop.ui") and not m.name.endswith("__main__")
    ]
    assert "fazhi_desktop.catalogue.assign" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(repr(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
