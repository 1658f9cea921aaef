"""scripts/screenshots.py builds its sample data in a temporary folder and renders every picture of docs/ at
the size the window has on a 1366×768 office screen (dialogs and the wizard at their own size); none blank."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

from fazhi_desktop.ui.review_keys import KEYS_DIALOG_SIZE
from fazhi_desktop.ui.window_size import SCREENSHOT_SIZE

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


def _script():
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _colours(image: QImage) -> int:
    """Distinct colours on a grid of every 3rd pixel (a blank or one-colour picture has one or two)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)})


def test_the_script_renders_every_picture(qapp, tmp_path: Path) -> None:
    script = _script()
    out = tmp_path / "docs"
    assert script.main(["--out", str(out)]) == 0
    # Only the pictures: the sample data lived in a temporary folder.
    assert sorted(p.name for p in out.iterdir()) == sorted(script.ALL)
    windows = {*script.UNIT_PAGES, script.NARRATIVES, script.REVIEWER_WINDOW, script.UNIT_RETURN}
    windows.discard("screenshot-wizard.png")
    for name in script.ALL:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        if name in windows:
            assert (image.width(), image.height()) == SCREENSHOT_SIZE, name
        else:  # the keys dialog and the wizard open at their own size
            assert image.width() >= 600 and image.height() >= 380, name
        assert _colours(image) > 40, name
    keys = QImage(str(out / script.REVIEWER_KEYS))
    assert (keys.width(), keys.height()) == KEYS_DIALOG_SIZE
