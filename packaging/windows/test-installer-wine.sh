#!/usr/bin/env bash
# Check the NSIS installer script on Linux: compile it against a placeholder onedir folder (two dummy .exe
# files and a dummy _internal/), then install and uninstall the result silently under wine64. This tests
# the installer's logic — per-user folder, Start-menu and desktop shortcuts, the "Programs and Features"
# entry, the refusal on an old Windows, uninstalling without touching the user's data — NOT the program:
# the real Windows bundle can only be built and run on Windows (see docs/packaging.md).
#
#   packaging/windows/test-installer-wine.sh        needs: nsis, wine64, xvfb (apt-get install nsis wine64 xvfb)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PACKAGING=$(dirname "$HERE")
WORK=$(mktemp -d /tmp/fazhi-nsis-test.XXXXXX)
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo "$(dirname "$WINE")/wineserver")
trap '"$WINESERVER" -k 2>/dev/null || true; rm -rf "$WORK"' EXIT
for tool in makensis xvfb-run "$WINE"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nsis wine64 xvfb)" >&2; exit 1; }
done
export WINEPREFIX="$WORK/prefix" WINEDLLOVERRIDES="mscoree,mshtml=" WINEDEBUG=-all HOME="$WORK/home"
mkdir -p "$HOME"
wine() { xvfb-run -a "$WINE" "$@" 2>/dev/null; }

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "compile installer.nsi against a placeholder onedir"
DUMMY="$WORK/dist/fazhi-desktop"
mkdir -p "$DUMMY/_internal/resources"
echo "placeholder" >"$DUMMY/fazhi-desktop.exe"
echo "placeholder" >"$DUMMY/fazhi-desktop-cli.exe"
echo "placeholder" >"$DUMMY/_internal/resources/x.txt"
ICON="$PACKAGING/build/icons/fazhi-desktop.ico"
if [[ ! -f "$ICON" ]]; then
  PY=${PYTHON:-$PACKAGING/build/venv/bin/python}
  QT_QPA_PLATFORM=offscreen "$PY" "$PACKAGING/make_icon.py" "$(dirname "$ICON")" >/dev/null
fi
for target in x86-unicode amd64-unicode; do
  t0=$(date +%s%N)
  makensis -V2 -WX -INPUTCHARSET UTF8 -DTARGET=$target -DVERSION=0.1.0 -DDIST_DIR="$DUMMY" -DICON="$ICON" \
    -DOUTFILE="$WORK/setup-$target.exe" "$HERE/installer.nsi"
  echo "$target: compiled in $((($(date +%s%N) - t0) / 1000000)) ms, $(stat -c %s "$WORK/setup-$target.exe") bytes"
done

# wine64 runs 64-bit programs only, so the 64-bit build of the same script is the one installed here.
SETUP="$WORK/setup-amd64-unicode.exe"
step "wine prefix"
wine wineboot -i
U=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -n 1)
LOCAL="$WINEPREFIX/drive_c/users/$U/AppData/Local"
START="$WINEPREFIX/drive_c/users/$U/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
APP="$LOCAL/Programs/fazhi-desktop"

step "refuses to install on Windows 7 (wine's default version)"
wine winecfg /v win7
rc=0; wine "$SETUP" /S || rc=$?
[[ $rc -ne 0 && ! -e "$APP" ]] || fail "installed on Windows 7 (exit $rc)"
echo "aborted with exit code $rc, nothing installed"

step "silent install on Windows 10, as a normal user"
wine winecfg /v win10
wine "$SETUP" /S
"$WINESERVER" -w
[[ -f "$APP/fazhi-desktop.exe" && -f "$APP/fazhi-desktop-cli.exe" && -f "$APP/_internal/resources/x.txt" ]] ||
  fail "program files missing in $APP"
[[ -f "$APP/uninstall.exe" ]] || fail "no uninstaller"
[[ -f "$START/法治政府建设自查.lnk" ]] || fail "no Start-menu shortcut"
desktop=$(find "$WINEPREFIX/drive_c/users/$U/" "$HOME" -name '法治政府建设自查.lnk' -not -path "$START/*" | head -n 1)
[[ -n "$desktop" ]] || fail "no desktop shortcut"
grep -q 'Uninstall\\\\fazhi-desktop\]' "$WINEPREFIX/user.reg" || fail "no uninstall entry in HKCU"
echo "installed in ${APP#"$WINEPREFIX/"}; Start menu and desktop shortcuts; HKCU uninstall entry:"
sed -n '/Uninstall\\\\fazhi-desktop\]/,/^$/p' "$WINEPREFIX/user.reg" | grep -E 'Display|Uninstall' |
  sed 's/^/  /'

step "uninstall keeps the user's data"
mkdir -p "$LOCAL/fazhi-desktop" && echo "user data" >"$LOCAL/fazhi-desktop/fazhi.db"
wine "$APP/uninstall.exe" /S
"$WINESERVER" -w
sleep 2  # the NSIS uninstaller runs from a temporary copy that finishes after the first process exits
[[ ! -e "$APP" ]] || fail "$APP still there"
[[ ! -e "$START/法治政府建设自查.lnk" && ! -e "$desktop" ]] || fail "shortcuts left behind"
! grep -q 'Uninstall\\\\fazhi-desktop\]' "$WINEPREFIX/user.reg" || fail "uninstall entry left behind"
[[ -f "$LOCAL/fazhi-desktop/fazhi.db" ]] || fail "the data directory was touched"
echo "program folder, shortcuts and registry entry removed; %LOCALAPPDATA%\\fazhi-desktop\\fazhi.db kept"

step "PASS"
