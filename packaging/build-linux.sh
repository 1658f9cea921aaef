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

VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$ROOT/pyproject.toml")
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
  echo "bundle built in $(($(now) - t0)) s: $(du -sh "$BUNDLE" | cut -f1)"

  step "smoke test of the bundle"
  smoke=$(mktemp -d)
  QT_QPA_PLATFORM=offscreen "$BUNDLE/fazhi-desktop" --data-dir "$smoke/data" plan list
  QT_QPA_PLATFORM=offscreen "$BUNDLE/fazhi-desktop" --data-dir "$smoke/data" --screenshot "$smoke/window.png"
  test -s "$smoke/window.png"
  echo "window rendered: $(stat -c %s "$smoke/window.png") bytes"
  rm -rf "$smoke"
fi

[[ -x "$BUNDLE/fazhi-desktop" ]] || { echo "no bundle in $BUNDLE: run without --deb-only first" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------
step ".deb"
t0=$(now)
PKG=fazhi-desktop
STAGE="$BUILD/deb/${PKG}_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/doc/$PKG"
cp -a "$BUNDLE" "$STAGE/opt/$PKG"
ln -s "/opt/$PKG/fazhi-desktop" "$STAGE/usr/bin/fazhi-desktop"

ICONS="$BUILD/icons"
if [[ ! -f "$ICONS/fazhi-desktop-256.png" ]]; then
  QT_QPA_PLATFORM=offscreen "$BUILD_VENV/bin/python" "$HERE/make_icon.py" "$ICONS"
fi
for size in 16 24 32 48 64 128 256; do
  install -D -m 644 "$ICONS/fazhi-desktop-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fazhi-desktop.png"
done
install -m 644 "$HERE/linux/fazhi-desktop.desktop" "$STAGE/usr/share/applications/fazhi-desktop.desktop"
install -m 644 "$HERE/linux/copyright" "$STAGE/usr/share/doc/$PKG/copyright"

# The bundle carries Python, Qt and most libraries; what it needs from the system is the C library it
# was built against (at least this machine's glibc), OpenGL/EGL and the X11/Wayland client libraries
# that PyInstaller deliberately leaves out, plus the xcb libraries Qt's X11 platform plugin loads.
GLIBC=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
DEFAULT_DEPENDS="libc6 (>= $GLIBC), libgl1, libegl1, libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0,
 libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0,
 libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1 | libxcb-util0, libxcb-xfixes0,
 libxcb-xkb1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0 | libglib2.0-0t64,
 libwayland-client0, libwayland-cursor0, libwayland-egl1, libdrm2"
DEPENDS=$(echo "${DEB_DEPENDS:-$DEFAULT_DEPENDS}" | tr '\n' ' ' | tr -s ' ')
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)

cat >"$STAGE/DEBIAN/control" <<EOF
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: fazhi-desktop <fazhi-desktop@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Section: utils
Priority: optional
Description: 法治政府建设自查（离线自查、佐证材料与签名上报包）
 A desktop program with which a county department or a township office checks
 itself, offline, against its county's annual rule-of-law government plan and
 the demonstration indicator system, attaches evidence, and produces a signed
 summary package for the county justice bureau.
 .
 The program brings its own Python, Qt and Chinese fonts (in /opt/fazhi-desktop);
 start it from the menu (法治政府建设自查) or run "fazhi-desktop --help".
EOF

# Files root-owned (--root-owner-group), readable by all, writable by none but root.
chmod -R u+rwX,go+rX,go-w "$STAGE"
chmod 755 "$STAGE/DEBIAN"

DEB="$DIST/${PKG}_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
dpkg-deb --build --root-owner-group -Z"$DEB_COMPRESS" "$STAGE" "$DEB" >/dev/null
echo ".deb built in $(($(now) - t0)) s ($DEB_COMPRESS): $DEB ($(du -h "$DEB" | cut -f1), installed ${INSTALLED_KB} KB)"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'
