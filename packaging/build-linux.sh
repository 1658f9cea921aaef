#!/usr/bin/env bash
# Build the Linux installer of fazhi-desktop: a PyInstaller onedir bundle, then a .deb around it.
#
#   packaging/build-linux.sh                  build venv (first time), bundle, smoke test, .deb
#   packaging/build-linux.sh --deb-only       re-package the existing packaging/dist/fazhi-desktop/
#
# Output: packaging/dist/fazhi-desktop/ (the bundle) and packaging/dist/fazhi-desktop_<version>_<arch>.deb.
# The .deb installs the bundle to /opt/fazhi-desktop, links /usr/bin/fazhi-desktop to it, and adds a
# start-menu entry "法治政府建设自查" with its icon. See docs/packaging.md.
#
# Environment:
#   PYTHON=python3.11        the Python that creates the build venv (3.11 or newer)
#   BUILD_VENV=DIR           the build venv (default packaging/build/venv; reused between builds)
#   PYSIDE6_VERSION=6.9.3    pin PySide6 (6.9.3 is the newest for glibc 2.28, i.e. older UOS/Kylin)
#   DEB_COMPRESS=xz|gzip     .deb compression (default xz: smaller, slower). Never zstd: old dpkg cannot read it
#   DEB_DEPENDS="..."        replace the Depends line (for a distribution whose package names differ)
#   DEB_MAINTAINER="N <a@b>" the Maintainer field (default: the project's placeholder address, see below)
#   VERSION_SUFFIX=~glibc2.31  appended to the package version (build-linux-old.sh sets it)
#
# Self-contained: on Debian it installs what the build needs (binutils for PyInstaller's objdump, the shared
# libpython when the chosen Python lacks it, python3-venv, the libraries of Qt's offscreen smoke test).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD="$HERE/build"
DIST="$HERE/dist"
BUNDLE="$DIST/fazhi-desktop"
PYTHON=${PYTHON:-python3}
BUILD_VENV=${BUILD_VENV:-$BUILD/venv}
DEB_COMPRESS=${DEB_COMPRESS:-xz}
DEB_ONLY=0
[[ "${1:-}" == "--deb-only" ]] && DEB_ONLY=1

case "$DEB_COMPRESS" in
  xz | gzip) ;;
  *) echo "DEB_COMPRESS must be xz or gzip (old dpkg cannot read zstd)" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }
now() { date +%s; }
T_START=$(now)

# --- what the build itself needs from the system ------------------------------------------------------
have_pkg() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }
need=()
want_pkg() { # want_pkg "a|b" …: the first alternative the archive has, unless one is installed
  local entry alt
  for entry in "$@"; do
    IFS='|' read -r -a alts <<<"$entry"
    for alt in "${alts[@]}"; do have_pkg "$alt" && continue 2; done
    need+=("$entry")
  done
}
if command -v apt-get >/dev/null 2>&1 && ((DEB_ONLY == 0)); then
  step "build tools"
  command -v "$PYTHON" >/dev/null || want_pkg python3
  want_pkg binutils dpkg libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 \
    "libglib2.0-0t64|libglib2.0-0"
  if command -v "$PYTHON" >/dev/null; then
    pyver=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    # PyInstaller bundles libpython: Debian's /usr/bin/python3.X is static, the .so is in libpython3.X
    [[ $("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED") or 0)') == 1 ]] ||
      want_pkg "libpython$pyver"
    "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || want_pkg "python$pyver-venv"
  fi
  if ((${#need[@]})); then
    SUDO=()
    [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    pick=()
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    for entry in "${need[@]}"; do
      IFS='|' read -r -a alts <<<"$entry"
      for alt in "${alts[@]}"; do
        [[ $(apt-cache policy "$alt" 2>/dev/null) =~ Candidate:\ [^\(] ]] && pick+=("$alt") && break
      done
    done
    echo "installing: ${pick[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends "${pick[@]}" >/dev/null
  else
    echo "all present"
  fi
fi

VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$ROOT/pyproject.toml")${VERSION_SUFFIX:-}
ARCH=$(dpkg --print-architecture)
echo "fazhi-desktop $VERSION ($ARCH)"

# ---------------------------------------------------------------------------------------------------
if ((DEB_ONLY == 0)); then
  step "build venv: $BUILD_VENV"
  t0=$(now)
  if [[ ! -x "$BUILD_VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$BUILD_VENV"
  fi
  # The program's own dependencies (from pyproject.toml) and PyInstaller. The program itself is not
  # installed: the spec puts this checkout on sys.path, so nothing is written into the source tree.
  mapfile -t DEPS < <("$BUILD_VENV/bin/python" -c '
import sys, tomllib
for dep in tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]:
    print(dep)' "$ROOT/pyproject.toml")
  if [[ -n "${PYSIDE6_VERSION:-}" ]]; then
    for i in "${!DEPS[@]}"; do
      [[ "${DEPS[$i]}" == PySide6* ]] && DEPS[$i]="PySide6-Essentials==$PYSIDE6_VERSION"
    done
  fi
  "$BUILD_VENV/bin/python" -m pip install -q --disable-pip-version-check "${DEPS[@]}" "pyinstaller>=6.10,<7"
  "$BUILD_VENV/bin/python" -c 'import PySide6, PyInstaller; print("PySide6", PySide6.__version__, "· PyInstaller", PyInstaller.__version__)'
  echo "venv ready in $(($(now) - t0)) s"

  step "PyInstaller onedir bundle"
  t0=$(now)
  (cd "$ROOT" && "$BUILD_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyi" "$HERE/fazhi-desktop.spec")
  T_BUNDLE=$(($(now) - t0))
  # No symbolic links: a clerk copies the folder onto a FAT32/exFAT stick, where links cannot exist
  # (cp fails with "Function not implemented"). PyInstaller links each shared library of a wheel
  # (Qt, ICU, Pillow's libraries) into _internal/ as well; the wheels' own RPATHs find the real files, so
  # those links are removed (copies would add ~80 MB). A link to anything else becomes a copy. The
  # self-test below and the xcb run of test-deb-in-chroot.sh prove the bundle still loads everything.
  removed=0 copied=0
  while IFS= read -r -d '' link; do
    target=$(readlink -f "$link")
    rm "$link"
    if [[ "$target" == "$BUNDLE"/* && "$(dirname "$link")" == "$BUNDLE/_internal" && -f "$target" ]]; then
      removed=$((removed + 1))
    else
      cp -a --dereference "$target" "$link"
      copied=$((copied + 1))
    fi
  done < <(find "$BUNDLE" -type l -print0)
  [[ -z $(find "$BUNDLE" -type l) ]] || { echo "symbolic links left in the bundle" >&2; exit 1; }
  echo "bundle built in $T_BUNDLE s: $(du -sh "$BUNDLE" | cut -f1); symbolic links: $removed removed, $copied copied"

  step "self-test of the bundle"
  t0=$(now)
  QT_QPA_PLATFORM=offscreen "$BUNDLE/fazhi-desktop" --self-test
  T_SELFTEST=$(($(now) - t0))
fi

[[ -x "$BUNDLE/fazhi-desktop" ]] || { echo "no bundle in $BUNDLE: run without --deb-only first" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------
step ".deb"
t0=$(now)
PKG=fazhi-desktop
STAGE="$BUILD/deb/${PKG}_${VERSION}_${ARCH}"
DOC="$STAGE/usr/share/doc/$PKG"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/mime/packages" "$DOC"
cp -a "$BUNDLE" "$STAGE/opt/$PKG"
ln -s "/opt/$PKG/fazhi-desktop" "$STAGE/usr/bin/fazhi-desktop"

ICONS="$BUILD/icons"
if [[ ! -f "$ICONS/fazhi-desktop-256.png" ]]; then
  QT_QPA_PLATFORM=offscreen "$BUILD_VENV/bin/python" "$HERE/make_icon.py" "$ICONS"
fi
for size in 16 24 32 48 64 128 256; do
  install -D -m 644 "$ICONS/fazhi-desktop-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fazhi-desktop.png"
  # the file manager shows package files with the program's icon
  install -D -m 644 "$ICONS/fazhi-desktop-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-fazhi-package.png"
done
install -m 644 "$HERE/linux/fazhi-desktop.desktop" "$STAGE/usr/share/applications/fazhi-desktop.desktop"
install -m 644 "$HERE/linux/fazhi-desktop-mime.xml" "$STAGE/usr/share/mime/packages/fazhi-desktop.xml"
install -m 644 "$HERE/linux/copyright" "$DOC/copyright"

# The maintainer address is a placeholder until the project has a real one: set DEB_MAINTAINER.
DEB_MAINTAINER=${DEB_MAINTAINER:-fazhi-desktop 项目组 <fazhi-desktop@users.noreply.github.com>}
# A changelog (lintian: no-changelog), dated by the last commit so that rebuilds are identical.
CHANGED=$(git -C "$ROOT" log -1 --format=%aD 2>/dev/null || date -R)
COMMIT=${COMMIT:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)}
OS_NAME=$(. /etc/os-release && echo "$PRETTY_NAME")
GLIBC=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
{
  echo "$PKG ($VERSION) stable; urgency=medium"
  echo
  echo "  * Release $VERSION, built from commit $COMMIT"
  echo "    on $OS_NAME (glibc $GLIBC)."
  echo
  echo " -- $DEB_MAINTAINER  $CHANGED"
} | gzip -9n >"$DOC/changelog.gz" # a native package (no Debian revision): changelog.gz

# The bundle carries Python, Qt and most libraries; what it needs from the system is the C library it
# was built against (at least this machine's glibc), OpenGL/EGL and the X11/Wayland client libraries
# that PyInstaller deliberately leaves out, plus the xcb libraries Qt's X11 platform plugin loads. The
# program draws its own windows and documents with its bundled font; a system CJK font is still needed
# for what the desktop draws around it (file dialogs, the input method's candidate window).
DEFAULT_DEPENDS="libc6 (>= $GLIBC), libgl1, libegl1, libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0,
 libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0,
 libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1 | libxcb-util0, libxcb-xfixes0,
 libxcb-xkb1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0t64 | libglib2.0-0,
 libwayland-client0, libwayland-cursor0, libwayland-egl1, libdrm2,
 fonts-wqy-microhei | fonts-noto-cjk | fonts-wqy-zenhei | fonts-arphic-uming"
DEPENDS=$(echo "${DEB_DEPENDS:-$DEFAULT_DEPENDS}" | tr '\n' ' ' | tr -s ' ')
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)

cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: $DEB_MAINTAINER
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Section: utils
Priority: optional
Description: rule-of-law government self-check for county offices
 A desktop program with which a county department or a township office checks
 itself, offline, against its county's annual rule-of-law government plan
 and the demonstration indicator system, attaches evidence files, writes the
 self-assessment report (PDF and Excel) and produces a signed summary package
 (BagIt in ZIP, Ed25519) for the county justice bureau, which verifies and
 aggregates the packages it receives.
 .
 法治政府建设自查：对照年度工作计划和示范创建指标体系逐项自查，
 生成签名上报包。
 .
 The program works without a network; files travel by USB stick. Opening a
 package file verifies it and shows the result. The package brings its own
 Python, Qt and Chinese fonts (in /opt/$PKG). Start it from the menu
 or run "fazhi-desktop --help"; "fazhi-desktop --self-test" checks the
 installation.
CONTROL

# Files root-owned (--root-owner-group), readable by all, writable by none but root.
chmod -R u+rwX,go+rX,go-w "$STAGE"
chmod 755 "$STAGE/DEBIAN"

DEB="$DIST/${PKG}_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
dpkg-deb --build --root-owner-group -Z"$DEB_COMPRESS" "$STAGE" "$DEB" >/dev/null
T_DEB=$(($(now) - t0))
echo ".deb built in $T_DEB s ($DEB_COMPRESS): $DEB ($(du -h "$DEB" | cut -f1), installed ${INSTALLED_KB} KB)"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'

# The figures the docs quote (docs/packaging.md, docs/install.md) are written here and put there by
# packaging/update-docs-figures.py: never typed by hand.
INFO="$DIST/build-info-$ARCH${VERSION_SUFFIX:+-${VERSION_SUFFIX#\~}}.json"
env VERSION="$VERSION" ARCH="$ARCH" DEB="$DEB" BUNDLE="$BUNDLE" DEB_COMPRESS="$DEB_COMPRESS" \
  INSTALLED_KB="$INSTALLED_KB" GLIBC="$GLIBC" OS_NAME="$OS_NAME" COMMIT="$COMMIT" \
  T_BUNDLE="${T_BUNDLE:-}" T_SELFTEST="${T_SELFTEST:-}" T_DEB="$T_DEB" T_TOTAL="$(($(now) - T_START))" \
  "$BUILD_VENV/bin/python" - "$INFO" <<'PYEOF'
import importlib.metadata as md
import json
import os
import sys

e = os.environ
files = [os.path.join(d, f) for d, _, fs in os.walk(e["BUNDLE"]) for f in fs]
num = lambda k: int(e[k]) if e.get(k) else None  # noqa: E731
info = {
    "version": e["VERSION"], "arch": e["ARCH"], "deb": os.path.basename(e["DEB"]),
    "deb_bytes": os.path.getsize(e["DEB"]), "deb_compress": e["DEB_COMPRESS"],
    "installed_kb": int(e["INSTALLED_KB"]), "bundle_bytes": sum(os.path.getsize(f) for f in files),
    "bundle_files": len(files), "glibc_floor": e["GLIBC"], "built_on": e["OS_NAME"], "commit": e["COMMIT"],
    "python": sys.version.split()[0], "pyside6": md.version("PySide6-Essentials"),
    "seconds_bundle": num("T_BUNDLE"), "seconds_self_test": num("T_SELFTEST"), "seconds_deb": num("T_DEB"),
    "seconds_total": num("T_TOTAL"),
}
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump(info, fh, indent=1, ensure_ascii=False)
print("figures:", sys.argv[1])
PYEOF
