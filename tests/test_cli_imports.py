"""Building the command-line parser loads no heavy library: every verb pays only for what it uses."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("reportlab", "openpyxl", "PySide6", "cryptography", "docx")
# What opening a store costs: sqlite-utils (with click, dateutil, pluggy) and the self-check layer.
STORE = ("sqlite_utils", "fazhi_desktop.selfcheck.workspace", "fazhi_desktop.evidence.attachments")


def _loaded_after(statements: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` (or their top-level packages) a fresh interpreter has loaded after `statements`."""
    code = (
        f"import json, sys\n{statements}\n"
        f"wanted = {modules!r}\n"
        "loaded = [m for m in wanted if m in sys.modules or any(k.split('.')[0] == m for k in sys.modules)]\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(json.loads(result.stdout))


PARSER = (
    "from fazhi_desktop.cli.main import build_parser\n"
    "assert build_parser().parse_args(['export', '--yes']).func.__name__ == 'cmd_export'"
)


def test_building_the_parser_imports_no_heavy_library():
    assert _loaded_after(PARSER, HEAVY) == []


def test_the_verb_imports_what_it_needs():
    """The check above is only meaningful if the heavy libraries are really behind a verb."""
    loaded = _loaded_after(
        PARSER + "\nimport fazhi_desktop.app.export", ("cryptography", "openpyxl", "reportlab")
    )
    assert loaded == ["cryptography", "openpyxl", "reportlab"]


def test_building_the_parser_opens_no_store_layer():
    """`--version`, `--help` and `verify` open no database: the parser imports no store layer either
    (each verb that needs one imports it in its handler)."""
    assert _loaded_after(PARSER, STORE) == []


def test_the_verifier_needs_no_store_layer():
    """Checking a package (the bureau's import, `verify`, a double-clicked package) reads results.json
    but opens no database: it does not load sqlite-utils or the self-check."""
    assert _loaded_after("import fazhi_desktop.package.verify", STORE) == []
    # …which is only meaningful if opening a database does load sqlite-utils.
    opening = "import pathlib, tempfile\nfrom fazhi_desktop.store.db import open_database\n"
    opening += "open_database(pathlib.Path(tempfile.mkdtemp()) / 'd').conn.close()"
    assert _loaded_after(opening, STORE) == ["sqlite_utils"]


def test_verb_groups_are_imported_explicitly():
    from pathlib import Path

    import fazhi_desktop.cli.main as main

    source = Path(main.__file__).read_text(encoding="utf-8")
    assert "importlib" not in source
    names = {group.__name__.rsplit(".", 1)[1] for group in main.VERB_GROUPS}
    assert len(names) == len(main.VERB_GROUPS)
    assert all(hasattr(group, "register") for group in main.VERB_GROUPS)


def test_opening_a_store_runs_no_sqlite_utils_plugin():
    """No plugin installed in the environment hooks the store's connection, and opening a store does not
    scan every installed distribution's entry points looking for one (≈18 ms of each start)."""
    code = (
        "import pathlib, tempfile\n"
        "from fazhi_desktop.store.db import open_database\n"
        "open_database(pathlib.Path(tempfile.mkdtemp()) / 'd').conn.close()\n"
        "import sqlite_utils.plugins as p\n"
        "print(p._plugins_loaded)\n"
        # …which means something only if sqlite-utils' default does scan them.
        "import sqlite_utils\n"
        "sqlite_utils.Database(memory=True)\n"
        "print(p._plugins_loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
