"""One version everywhere: the package, pyproject.toml (which the .deb and the installer read)."""

import tomllib
from pathlib import Path

import fazhi_desktop


def test_version_matches_pyproject():
    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))
    assert fazhi_desktop.__version__ == pyproject["project"]["version"]
