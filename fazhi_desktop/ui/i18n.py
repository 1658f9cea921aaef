"""Translations: Chinese is the source language, English the second; Qt's own dialogs translated too.

The `.ts` files in resources/i18n/ are the sources kept in the repository; `.qm` files are build
products (ignored by git). Packaging runs `python -m fazhi_desktop.ui.i18n` to compile them next to the
`.ts`; a source checkout without them compiles on first use into `<data dir>/i18n/` with PySide6's
`lrelease`. If neither works, the program still runs — in Chinese, its source language.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fazhi_desktop.paths import resources_dir

log = logging.getLogger(__name__)

DOMAIN = "fazhi_desktop"
DEFAULT_LANG = "zh_CN"
LANGUAGES = {"zh_CN": "中文", "en": "English"}


def normalise_lang(lang: str | None) -> str:
    """`zh`, `zh-CN`, `zh_CN` → `zh_CN`; `en*` → `en`; anything else → the default."""
    text = (lang or "").replace("-", "_").lower()
    if text.startswith("en"):
        return "en"
    return DEFAULT_LANG


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


QT_EXTRA = "qt_extra"  # Qt's own strings the shipped qtbase catalogue lacks (resources/i18n/qt_extra_*.ts)


def ts_file(lang: str, domain: str = DOMAIN) -> Path:
    return i18n_dir() / f"{domain}_{lang}.ts"


def find_lrelease() -> Path | None:
    """PySide6's `lrelease` (shipped inside the wheel), or one on PATH."""
    try:
        import PySide6

        base = Path(PySide6.__file__).parent
        for name in ("lrelease", "lrelease.exe"):
            if (base / name).is_file():
                return base / name
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        pass
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one `.ts` into `.qm`; False (and a log line) when lrelease is missing or fails."""
    tool = find_lrelease()
    if tool is None:
        log.warning("找不到 lrelease，无法编译翻译文件 %s", ts)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        run = subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("编译翻译文件失败：%s", exc)
        return False
    if run.returncode != 0 or not qm.is_file():
        log.warning("编译翻译文件失败：%s %s", run.stdout, run.stderr)
        return False
    return True


def qm_file(lang: str, data_dir: Path | None, domain: str = DOMAIN) -> Path | None:
    """The compiled translation for `lang`: shipped next to the `.ts`, else built into the data dir."""
    ts = ts_file(lang, domain)
    shipped = ts.with_suffix(".qm")
    if shipped.is_file() and (not ts.is_file() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if ts.is_file() and data_dir is not None:
        built = Path(data_dir) / "i18n" / shipped.name
        if built.is_file() and built.stat().st_mtime >= ts.stat().st_mtime:
            return built
        if compile_ts(ts, built):
            return built
    return shipped if shipped.is_file() else None


def locale_for(lang: str) -> QLocale:
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def install_translators(app: QCoreApplication, lang: str, data_dir: Path | None = None) -> list[QTranslator]:
    """Install the program's and Qt's translators for `lang`; returns them (keep them alive)."""
    lang = normalise_lang(lang)
    QLocale.setDefault(locale_for(lang))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_lang = "zh_CN" if lang == "zh_CN" else "en"
    qt_tr = QTranslator(app)
    if qt_tr.load(f"qtbase_{qt_lang}", qt_dir):
        app.installTranslator(qt_tr)
        installed.append(qt_tr)
    elif lang != "en":
        log.warning("找不到 Qt 自带对话框的中文翻译 qtbase_%s（%s）", qt_lang, qt_dir)
    if lang == DEFAULT_LANG:
        # qtbase_zh_CN predates Qt 6's "&Look in:", "Files of &type:" and the file-type words: without
        # these the file chooser is half English. Installed last, so it is searched first.
        extra = qt_extra_translator(app, qt_lang)
        if extra is not None:
            app.installTranslator(extra)
            installed.append(extra)
        else:
            log.warning("没有可用的 Qt 对话框补充翻译 %s_%s", QT_EXTRA, qt_lang)
    if lang != DEFAULT_LANG:
        qm = qm_file(lang, data_dir)
        own = QTranslator(app)
        if qm is not None and own.load(str(qm)):
            app.installTranslator(own)
            installed.append(own)
        else:
            log.warning("没有可用的 %s 翻译，界面使用中文", lang)
    return installed


class _TsTranslator(QTranslator):
    """A translator read straight from a small `.ts` (a source checkout has no `.qm` for it, and
    compiling one into the data directory would create that directory before the program chose it)."""

    def __init__(self, parent: QCoreApplication, table: dict[tuple[str, str], str]) -> None:
        super().__init__(parent)
        self._table = table

    def isEmpty(self) -> bool:
        return not self._table

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ANN001 - Qt's signature
        return self._table.get((context, source_text))  # None (a null QString): ask the next translator


def read_ts(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation of every finished message in a `.ts` file."""
    import xml.etree.ElementTree as ET

    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is not None and tr.text and tr.get("type") is None:
                table[(name, message.findtext("source") or "")] = tr.text
    return table


def qt_extra_translator(app: QCoreApplication, qt_lang: str) -> QTranslator | None:
    """Qt's own strings missing from qtbase: the shipped `.qm` (bundle) or the `.ts` itself (checkout)."""
    ts = ts_file(qt_lang, QT_EXTRA)
    qm = ts.with_suffix(".qm")
    if qm.is_file():
        compiled = QTranslator(app)
        if compiled.load(str(qm)):
            return compiled
    if ts.is_file():
        return _TsTranslator(app, read_ts(ts))
    return None


def build_all() -> int:
    """Compile every `.ts` in resources/i18n next to itself (for packaging)."""
    failures = 0
    for ts in sorted([*i18n_dir().glob(f"{DOMAIN}_*.ts"), *i18n_dir().glob(f"{QT_EXTRA}_*.ts")]):
        ok = compile_ts(ts, ts.with_suffix(".qm"))
        print(f"{'已编译' if ok else '失败'}：{ts.with_suffix('.qm')}")
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    logging.basicConfig()
    sys.exit(build_all())
