"""reportlab's private API that the reports patch or call (reports/rl_private.py) is still what we expect.

A reportlab upgrade that renames, removes or re-signs one of these fails here, by name, rather than
as wrongly broken Chinese lines in a report.
"""

from __future__ import annotations

import importlib.metadata

import reportlab
from reportlab.platypus import paragraph

from fazhi_desktop.reports import linebreak, rl_private
from fazhi_desktop.reports.fonts import register_fonts


def test_the_patched_internals_are_there_with_the_expected_signatures():
    assert rl_private.check_internals() == []


def test_the_installed_reportlab_is_within_the_pin():
    # pyproject.toml pins reportlab to the minor version these internals were checked with.
    major_minor = tuple(int(p) for p in reportlab.Version.split(".")[:2])
    assert major_minor == (5, 1), reportlab.Version
    assert importlib.metadata.version("reportlab").startswith("5.1.")


def test_check_internals_notices_a_changed_signature(monkeypatch):
    monkeypatch.setattr(paragraph, "cjkFragSplit", lambda frags, maxWidths: None)
    problems = rl_private.check_internals()
    assert len(problems) == 1 and "cjkFragSplit" in problems[0]
    monkeypatch.delattr(paragraph, "makeCJKParaLine")
    assert any("makeCJKParaLine is missing" in p for p in rl_private.check_internals())


def test_install_replaces_and_uninstall_restores_exactly():
    register_fonts()  # installs the Chinese rules, as every report does
    ours = rl_private.line_rules()
    assert ours.frag_split is linebreak._cjk_frag_split and ours.word_split is linebreak._word_split
    assert "：" in ours.textsplit_cannot_start and "：" in ours.paragraph_cannot_start
    assert "《" in ours.textsplit_cannot_end
    with linebreak.reportlab_defaults():
        theirs = rl_private.line_rules()
        assert paragraph.cjkFragSplit is theirs.frag_split is not linebreak._cjk_frag_split
        assert (
            theirs.textsplit_cannot_start == ours.textsplit_cannot_start[: len(theirs.textsplit_cannot_start)]
        )
        assert len(theirs.textsplit_cannot_start) < len(ours.textsplit_cannot_start)
    assert rl_private.line_rules() == ours
