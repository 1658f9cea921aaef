#!/usr/bin/env bash
# Compile installer.nsi with Debian's makensis over a stand-in bundle (.ci/run runs this). Warnings are
# errors (-WX), both the 32-bit and the 64-bit installer. The stand-in has the real bundle's layout —
# fazhi-desktop.exe, fazhi-desktop-cli.exe, _internal/ with resources — but placeholder executables: the
# real Windows bundle can only be built on Windows (.github/workflows/windows.yml). What this proves: the
# script compiles (pages, Chinese strings, registry entries, file association, uninstaller) — not that it
# runs; windows/test-installer-wine.sh runs it under wine64 by hand.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PACKAGING=$(dirname "$HERE")
ROOT=$(dirname "$PACKAGING")
command -v makensis >/dev/null || {
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nsis
}
WORK=$(mktemp -d /tmp/fazhi-nsis.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
VERSION=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$ROOT/pyproject.toml")

STANDIN="$WORK/dist/fazhi-desktop"
mkdir -p "$STANDIN/_internal"
printf 'MZ stand-in for the windowed program\n' >"$STANDIN/fazhi-desktop.exe"
printf 'MZ stand-in for the console program\n' >"$STANDIN/fazhi-desktop-cli.exe"
cp -r "$ROOT/resources" "$STANDIN/_internal/resources"
# the fonts (27 MB) only slow LZMA down (~4 min on 2 busy cores): a stand-in file per font
for f in "$STANDIN"/_internal/resources/fonts/*.tt[fc]; do echo "font stand-in" >"$f"; done
cp -r "$ROOT/db" "$STANDIN/_internal/db"
ICON="$PACKAGING/build/icons/fazhi-desktop.ico"
if [[ ! -f "$ICON" ]]; then
  PY=${PYTHON:-$( [[ -x "$ROOT/.venv/bin/python" ]] && echo "$ROOT/.venv/bin/python" || echo python3)}
  QT_QPA_PLATFORM=offscreen "$PY" "$PACKAGING/make_icon.py" "$(dirname "$ICON")" >/dev/null
fi
for target in x86-unicode amd64-unicode; do
  out="$WORK/fazhi-desktop-$VERSION-$target-setup.exe"
  t0=$(date +%s%N)
  (cd "$HERE" && makensis -V2 -WX -INPUTCHARSET UTF8 -DTARGET=$target -DVERSION="$VERSION" \
    -DDIST_DIR="$STANDIN" -DICON="$ICON" -DOUTFILE="$out" installer.nsi)
  ms=$((($(date +%s%N) - t0) / 1000000))
  [[ $(head -c 2 "$out") == MZ ]] || { echo "FAIL: $out is not a Windows executable" >&2; exit 1; }
  echo "makensis $target: $(stat -c %s "$out") bytes in $ms ms (stand-in bundle $(du -sh "$STANDIN" | cut -f1))"
done
