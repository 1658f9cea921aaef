"""The report fonts: registration, per-character fallback, and visible stand-ins for the rest.

The 公文 faces (GB/T 9704-2012): body in 朱雀仿宋 (OFL), `一、` headings in 法治黑体 (a subset of
WenQuanYi Zen Hei, GPL-2 with the font embedding exception), `（一）` headings in 法治楷体 (a renamed
subset of LXGW WenKai, OFL), the title in 法治标宋 (Noto Serif CJK SC Bold, OFL, subset and converted to
TrueType by scripts/build_fonts.py). Each role is a fallback chain: the role's face, then 朱雀仿宋, then
WenQuanYi Micro Hei (Apache-2.0; all 20,902 BMP ideographs), then Hanazono Mincho A (Extension A and
the commoner part of B, which turn up in names: 㭎, 𠀀). A character no font has is printed as
`[U+XXXX]` and reported, never drawn as an empty box. All are TrueType outlines (reportlab cannot embed
CFF) and are embedded as subsets; licences are beside them in resources/fonts/. Page numbers are set in
法治宋体数字, the figures of Hanazono Mincho A (a 5 KB subset).

The two wide fallbacks are parsed only when a character needs them: reportlab holds a parsed face in
memory whole, and these two take 62 MB and 0.2 s of every report, while a report in GB 2312 characters
(nearly all) never uses either. The 公文 faces are small subsets and are registered at once.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.paths import resources_dir

FANGSONG = "FazhiFangsong"  # body text, 3号 仿宋
HEI = "FazhiHei"  # 一、 headings, table heads
KAI = "FazhiKai"  # （一） headings
BIAOSONG = "FazhiBiaosong"  # the title, 2号 小标宋
SANS = "FazhiWqyMicroHei"  # wide coverage of the BMP, after the 公文 faces
FALLBACK = "FazhiHanaMinA"  # Extension A/B
FIGURES = "FazhiSongFigures"  # page numbers: 宋体 figures (GB/T 9704 §7.5)
PRIMARY = FANGSONG
ROLE_FACES = (FANGSONG, HEI, KAI, BIAOSONG)
# Parsed the first time a character is not in the faces before them (see the module docstring).
_ON_DEMAND = (SANS, FALLBACK)
# After its own face, every role falls back through these, in order.
_FALLBACK_CHAIN = (FANGSONG, SANS, FALLBACK)


@dataclass(frozen=True)
class FontFile:
    name: str  # the name registered with reportlab
    file: str  # under resources/fonts/
    subfont_index: int | None  # for .ttc collections
    licence_file: str
    title: str  # for the report's colophon and the documentation


FONT_FILES: tuple[FontFile, ...] = (
    FontFile(
        FANGSONG, "ZhuqueFangsong-Regular.ttf", None, "ZhuqueFangsong-OFL.txt", "朱雀仿宋 Zhuque Fangsong"
    ),
    FontFile(HEI, "FazhiHei-Regular.ttf", None, "LICENSE-wqy-zenhei.txt", "法治黑体（文泉驿正黑子集）"),
    FontFile(KAI, "FazhiKai-Regular.ttf", None, "LICENSE-lxgw-wenkai.txt", "法治楷体（霞鹜文楷子集）"),
    FontFile(
        BIAOSONG,
        "FazhiBiaosong-Bold.ttf",
        None,
        "LICENSE-noto-cjk.txt",
        "法治标宋（思源宋体 Noto Serif CJK SC Bold 子集）",
    ),
    FontFile(SANS, "wqy-microhei.ttc", 0, "LICENSE-wqy-microhei.txt", "文泉驿微米黑 WenQuanYi Micro Hei"),
    FontFile(FALLBACK, "HanaMinA.ttf", None, "LICENSE-hanazono.txt", "花园明朝A Hanazono Mincho A"),
    FontFile(
        FIGURES, "FazhiSongFigures-Regular.ttf", None, "LICENSE-hanazono.txt", "法治宋体数字（花园明朝A子集）"
    ),
)
_SPECS = {spec.name: spec for spec in FONT_FILES}
# Invisible characters that carry nothing on paper (zero-width space, BOM, variation selectors).
_DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


class FontMissing(FazhiError):
    """A bundled font file is missing or unreadable (a damaged installation)."""


def fonts_dir() -> Path:
    """`resources/fonts/`, where the bundled fonts and their licences are."""
    return resources_dir() / "fonts"


def substitute(ch: str) -> str:
    """The visible stand-in for a character no font has: `[U+2A6D6]`."""
    return f"[U+{ord(ch):04X}]"


class _Faces:
    """The bundled faces, each parsed and registered with reportlab once, the first time it is asked for.

    Reports are made on worker threads (the window's export) as well as the main one: the lock keeps
    two of them from parsing the same face at once.
    """

    def __init__(self) -> None:
        self._maps: dict[str, Mapping[int, int]] = {}
        self._lock = threading.Lock()

    def cmap(self, name: str) -> Mapping[int, int]:
        """The character map of face `name` (code point → glyph), registering the face if need be."""
        found = self._maps.get(name)
        if found is None:
            with self._lock:
                found = self._maps.get(name)
                if found is None:
                    found = self._maps[name] = _register(_SPECS[name])
        return found


class FontSet:
    """One role's faces in fallback order; a face late in the order is parsed only once needed."""

    def __init__(self, names: tuple[str, ...], faces: _Faces) -> None:
        self.names = names
        self._faces = faces
        self._chosen: dict[str, str | None] = {}  # the answer of font_for, by character

    def __repr__(self) -> str:
        return f"FontSet({self.names!r})"

    @property
    def primary(self) -> str:
        return self.names[0]

    def font_for(self, ch: str) -> str | None:
        """The first font that has a glyph for `ch`, or None."""
        if ch in "\n\t ":
            return self.names[0]
        try:
            return self._chosen[ch]
        except KeyError:
            pass
        code = ord(ch)
        found = next((name for name in self.names if code in self._faces.cmap(name)), None)
        self._chosen[ch] = found
        return found

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        """`text` cut into runs of one font each; a run with font None holds characters no font has."""
        out: list[tuple[str | None, str]] = []
        for ch in clean_text(text):
            font = self.font_for(ch)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def missing(self, text: str) -> list[str]:
        """The distinct characters of `text` that no font has, in order of first appearance."""
        seen: dict[str, None] = {}
        for font, run in self.runs(text):
            if font is None:
                for ch in run:
                    seen.setdefault(ch, None)
        return list(seen)

    def markup(self, text: str, *, warnings: list[str] | None = None, where: str = "") -> str:
        """Paragraph markup for plain text: escaped, fallback runs wrapped in <font>, newlines as <br/>."""
        parts: list[str] = []
        for font, run in self.runs(text):
            if font is None:
                for ch in run:
                    _warn(warnings, ch, where)
                parts.append(escape("".join(substitute(ch) for ch in run)))
            elif font == self.primary:
                # reportlab collapses U+3000 like any space; as an entity it survives (blanks in 年　月　日).
                parts.append(escape(run).replace("\n", "<br/>").replace("\u3000", "&#12288;"))
            else:
                parts.append(f'<font name="{font}">{escape(run)}</font>')
        return "".join(parts)


def _warn(warnings: list[str] | None, ch: str, where: str) -> None:
    if warnings is None:
        return
    name = unicodedata.name(ch, "")
    message = (
        f"字符“{ch}”（U+{ord(ch):04X}{' ' + name if name else ''}）"
        f"{'出现在' + where + '，' if where else ''}报告字体中没有，已印作 {substitute(ch)}"
    )
    if message not in warnings:
        warnings.append(message)


def clean_text(text: str) -> str:
    """NFC, Windows line ends made plain, invisible characters dropped."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _DROP.sub("", text)


def _utf16_hex(code: int) -> str:
    return (
        code.to_bytes(4, "big").hex().upper()[4:]
        if code < 0x10000
        else chr(code).encode("utf-16-be").hex().upper()
    )


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond the BMP written as UTF-16 surrogate pairs.

    reportlab writes every code point as `<%04X>`, so 𠀀 (U+20000) becomes `<20000>`, which viewers and
    pdftotext reject: the character prints but cannot be searched, copied or extracted.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@functools.cache
def register_fonts() -> FontSet:
    """Register the bundled fonts with reportlab (once per process); the body (仿宋) chain."""
    return register_font_roles()[FANGSONG]


@functools.cache
def register_font_roles() -> dict[str, FontSet]:
    """Register the bundled fonts with reportlab (once per process): each role face's fallback chain.

    The role faces and the page-number figures are registered here; the wide fallbacks when a
    character first needs them (FontSet.font_for).
    """
    from fazhi_desktop.reports import linebreak, rl_private

    linebreak.install()
    rl_private.set_to_unicode_cmap(_to_unicode_cmap)
    faces = _Faces()
    for spec in FONT_FILES:
        if spec.name not in _ON_DEMAND:
            faces.cmap(spec.name)
    roles: dict[str, FontSet] = {}
    for role in ROLE_FACES:
        chain = (role, *(n for n in _FALLBACK_CHAIN if n != role))
        roles[role] = FontSet(chain, faces)
    return roles


def _register(spec: FontFile) -> Mapping[int, int]:
    """Parse one bundled face, register it with reportlab, and give back its character map."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts_dir() / spec.file
    try:
        if spec.subfont_index is None:
            font = TTFont(spec.name, str(path))
        else:
            font = TTFont(spec.name, str(path), subfontIndex=spec.subfont_index)
    except Exception as exc:  # reportlab raises several types for unreadable font files
        raise FontMissing(f"报告字体 {path} 缺失或已损坏，请重新安装本程序", detail=repr(exc)) from exc
    pdfmetrics.registerFont(font)
    # No bold or italic faces exist: map them to the same font, so <b> never pulls in Helvetica.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(spec.name, bold, italic, spec.name)
    cmap: Mapping[int, int] = font.face.charToGlyph
    return cmap


def missing_characters(texts: Iterable[tuple[str, str]]) -> list[str]:
    """Warnings for characters no report font has, from (where, text) pairs — to show before export."""
    fonts = register_fonts()
    warnings: list[str] = []
    for where, text in texts:
        for ch in fonts.missing(text):
            _warn(warnings, ch, where)
    return warnings
