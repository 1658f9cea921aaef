"""The bundled CJK font: registered at start-up so Chinese renders on a machine that has none."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from fazhi_desktop.paths import resources_dir

log = logging.getLogger(__name__)

BUNDLED_FONT = "fonts/wqy-microhei.ttc"
# Until the bundled copy is in resources/, a system copy of the same font serves (Debian fonts-wqy-microhei).
_SYSTEM_COPIES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)
# Fonts that look better than the bundled one where the system has them: they come first in the fallback.
_PREFERRED_CJK = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


_registered: list[str] | None = None


def font_file() -> Path | None:
    """The CJK font file the program registers: the bundled one, else a known system copy."""
    for candidate in (resources_dir() / BUNDLED_FONT, *map(Path, _SYSTEM_COPIES)):
        if candidate.is_file():
            return candidate
    return None


def register_cjk_font(app: QApplication) -> list[str]:
    """Register the CJK font and put CJK families behind the platform's UI font; returns the families."""
    global _registered
    families: list[str] = list(_registered or [])
    path = font_file()
    if _registered is not None:
        pass  # registered by an earlier create_app() in this process (tests build several)
    elif path is None:
        log.warning("找不到中文字体文件 %s，中文可能显示为方框", BUNDLED_FONT)
    else:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("无法载入中文字体 %s", path)
        else:
            families = QFontDatabase.applicationFontFamilies(font_id)
            _registered = families
    installed = set(QFontDatabase.families())
    cjk = [f for f in _PREFERRED_CJK if f in installed]
    cjk += [f for f in families if f not in cjk and "Mono" not in f]
    base = QFont(app.font().families()[0] if app.font().families() else app.font().family())
    base.setPointSizeF(app.font().pointSizeF())
    # Latin text keeps the platform's UI font; characters it lacks fall through to the CJK families.
    # Only the family list changes: the point size stays the platform's, so 150 % scaling stays right.
    font = QFont(base)
    font.setFamilies([base.family(), *cjk])
    app.setFont(font)
    return cjk
