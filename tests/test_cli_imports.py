"""Building the command-line parser loads no heavy library: every verb pays only for what it uses."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("reportlab", "openpyxl", "PySide6", "cryptography", "docx")


def test_building_the_parser_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from fazhi_desktop.cli.main import build_parser\n"
        "parser = build_parser()\n"
        "assert parser.parse_args(['export', '--yes']).func.__name__ == 'cmd_export'\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_the_verb_imports_what_it_needs():
    """The check above is only meaningful if the heavy libraries are really behind a verb."""
    code = (
        "import sys\n"
        "from fazhi_desktop.cli.main import build_parser\n"
        "args = build_parser().parse_args(['export'])\n"
        "import fazhi_desktop.app.export\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'cryptography', 'openpyxl', 'reportlab'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['cryptography', 'openpyxl', 'reportlab']", result.stdout


def test_verb_groups_are_imported_explicitly():
    from pathlib import Path

    import fazhi_desktop.cli.main as main

    source = Path(main.__file__).read_text(encoding="utf-8")
    assert "importlib" not in source
    names = {group.__name__.rsplit(".", 1)[1] for group in main.VERB_GROUPS}
    assert len(names) == len(main.VERB_GROUPS)
    assert all(hasattr(group, "register") for group in main.VERB_GROUPS)
