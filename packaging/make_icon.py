"""Draw the installer/desktop icon: a seal-red rounded square with the character 法 in white.

The character is set in the font the program ships (resources/fonts/wqy-microhei.ttc), so the icon looks
the same on every build machine whatever fonts it has. Writes PNGs in the hicolor sizes and a
multi-size Windows `.ico` (with Pillow, which reportlab already pulls in):

    python packaging/make_icon.py OUT_DIR      # OUT_DIR/fazhi-desktop-{16..256}.png, fazhi-desktop.ico
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SEAL_RED = "#b22c2c"
FONT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"


def draw(size: int):
    """One square icon of `size` pixels as a QImage (drawn at that size, not scaled down)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen

    font_id = QFontDatabase.addApplicationFont(str(FONT))
    if font_id < 0:
        raise SystemExit(f"无法载入字体 {FONT}")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]

    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    outer = QRectF(s * 0.03, s * 0.03, s * 0.94, s * 0.94)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(SEAL_RED))
    p.drawRoundedRect(outer, s * 0.16, s * 0.16)
    if size >= 32:  # the seal's inner border; at 16/24 px it would only blur the character
        pen = QPen(QColor("white"))
        pen.setWidthF(max(1.0, s * 0.035))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        inner = outer.adjusted(s * 0.08, s * 0.08, -s * 0.08, -s * 0.08)
        p.drawRoundedRect(inner, s * 0.09, s * 0.09)

    font = QFont(family)
    font.setPixelSize(100)
    path = QPainterPath()
    path.addText(0, 0, font, "法")
    box = path.boundingRect()
    target = s * (0.56 if size >= 32 else 0.72)
    scale = target / max(box.width(), box.height())
    p.translate(s / 2, s / 2)
    p.scale(scale, scale)
    p.translate(-box.center())
    bold = QPen(QColor("white"))  # the font has no bold face: a thin outline thickens the strokes
    bold.setWidthF(3.5)
    bold.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(bold)
    p.setBrush(QColor("white"))
    p.drawPath(path)
    p.end()
    return img


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([argv[0]])  # noqa: F841 - fonts need a running application
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pngs = []
    for size in SIZES:
        png = out / f"fazhi-desktop-{size}.png"
        if not draw(size).save(str(png)):
            raise SystemExit(f"无法写入 {png}")
        pngs.append(png)
    try:
        from PIL import Image

        images = [Image.open(p) for p in pngs]
        images[-1].save(out / "fazhi-desktop.ico", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    except ImportError:
        print("提示：没有 Pillow，未生成 .ico", file=sys.stderr)
    print(f"图标已写入 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
