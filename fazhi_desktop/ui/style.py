"""The look: a few style-sheet rules for titles, hints and state boxes, sized from the system font."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def apply_style(app: QApplication) -> None:
    """Sizes are relative to the platform font (pt), so 125 % and 150 % scaling keep proportions."""
    base = app.font().pointSizeF()
    if base <= 0:
        base = 10.0
    app.setStyleSheet(f"""
        QLabel#pageTitle {{ font-size: {base * 1.5:.1f}pt; font-weight: bold; padding: 0.2em 0; }}
        QLabel#itemTitle {{ font-size: {base * 1.25:.1f}pt; font-weight: bold; }}
        QLabel#itemText {{ font-size: {base * 1.1:.1f}pt; padding: 0.3em 0; }}
        QLabel#sectionTitle {{ font-weight: bold; padding-top: 0.6em; }}
        QLabel#evidenceTitle {{ font-weight: bold; }}
        QLabel#hint {{ color: #5f6368; }}
        QLabel#error {{ color: #b3261e; }}
        QLabel#wizardResult {{ font-weight: bold; }}
        QFrame#missingBox {{ border: 1px solid #e8a317; border-radius: 4px; background: #fff8e6; }}
        QFrame#missingBox[state="done"] {{ border-color: #2e9d4f; background: #eef8f0; }}
        EvidencePanel[dropping="true"] {{ background: #e8f0fe; }}
        QProgressBar[over="true"]::chunk {{ background: #b3261e; }}
    """)
