#!/usr/bin/env bash
# Install the .deb into a fresh minimal Debian and use the program there, end to end. As root, on a
# machine that reaches a Debian mirror. `.ci/run` runs the --quick form.
#
#   sudo packaging/test-deb-in-chroot.sh [--quick] [PATH/TO/fazhi-desktop_X_amd64.deb]
#
# 1. `debootstrap --variant=minbase SUITE` (~30 s; the fresh root is cached as a tarball in
#    packaging/build/ so the next run unpacks it in seconds; REFRESH=1 makes a new one);
# 2. `apt-get install ./fazhi-desktop_*.deb` inside it — only the package's Depends come in;
# 3. inside the root, with no desktop, no Python and LANG unset: `fazhi-desktop --self-test`, and again
#    with networking denied (`unshare -n`: the program never needs a network);
# 4. (not with --quick) a check that every shared library in the bundle resolves; a clerk's workflow
#    on the command line (init, check, evidence, report, export, verify, opening a package file);
#    the MIME type and menu entry as a desktop sees them; `--screenshot` offscreen and through the real
#    X11 (xcb) platform under Xvfb;
# 5. removal with `apt-get purge`.
# Screenshots and logs are copied to packaging/build/chroot-test-SUITE/.
#
# Environment: SUITE (default bookworm), MIRROR (default: the Debian mirror in /etc/apt/sources.list*),
# ROOT_DIR (default /tmp/fazhi-deb-test-root-SUITE), KEEP=1 keeps the root afterwards, SKIP_XVFB=1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=packaging/lib/root.sh
. "$HERE/lib/root.sh"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1 && shift
SUITE=${SUITE:-bookworm}
ROOT_DIR=${ROOT_DIR:-/tmp/fazhi-deb-test-root-$SUITE}
OUT="$HERE/build/chroot-test-$SUITE"
T_ALL=$(date +%s)

[[ $(id -u) -eq 0 ]] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 1; }

DEB=${1:-$(ls -t "$HERE"/dist/fazhi-desktop_*.deb 2>/dev/null | head -n 1 || true)}
[[ -f "$DEB" ]] || { echo "no .deb given and none in packaging/dist/: run packaging/build-linux.sh" >&2; exit 1; }
DEB=$(readlink -f "$DEB")

step() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
in_root() { chroot "$ROOT_DIR" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

cleanup() {
  root_umount
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$ROOT_DIR"; else echo "root kept in $ROOT_DIR"; fi
}
trap cleanup EXIT

step "fresh $SUITE root in $ROOT_DIR"
mkdir -p "$OUT"
root_make "$ROOT_DIR" "$SUITE"
root_mount "$ROOT_DIR"

step "apt-get install $(basename "$DEB")"
cp "$DEB" "$ROOT_DIR/tmp/"
in_root apt-get update -qq
before=$(in_root dpkg-query -W -f '${Package}\n' | sort)
t0=$(date +%s)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "/tmp/$(basename "$DEB")" >"$OUT/apt-install.log" 2>&1 || { tail -30 "$OUT/apt-install.log"; exit 1; }
after=$(in_root dpkg-query -W -f '${Package}\n' | sort)
added=$(comm -13 <(echo "$before") <(echo "$after"))
echo "installed in $(($(date +%s) - t0)) s; $(echo "$added" | wc -l) packages added:"
echo "$added" | tr '\n' ' ' | fold -s -w 110
echo
in_root ls -l /usr/bin/fazhi-desktop /usr/share/applications/fazhi-desktop.desktop
in_root sh -c 'command -v python3 || echo "(no python3 in the root: the bundle brings its own)"'
in_root sh -c 'fc-list 2>/dev/null | head -n 1; command -v fc-list || echo "(no fontconfig tools or system fonts)"'

step "fazhi-desktop --self-test in the root (no desktop, no Python, LANG unset)"
t0=$(date +%s)
in_root env QT_QPA_PLATFORM=offscreen fazhi-desktop --self-test 2>&1 | tee "$OUT/self-test.log" | grep -v propagateSizeHints
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "FAIL: --self-test" >&2; exit 1; }
echo "self-test took $(($(date +%s) - t0)) s"

step "fazhi-desktop --self-test with networking denied (unshare -n)"
unshare -n chroot "$ROOT_DIR" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  QT_QPA_PLATFORM=offscreen sh -c 'echo "network interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\n" " ")"
    fazhi-desktop --self-test' \
  2>&1 | tee "$OUT/self-test-no-network.log" | grep -E '^(network|自检)' 
[[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "FAIL: --self-test without network" >&2; exit 1; }

if ((QUICK == 0)); then
step "shared libraries of the bundle (ldd: not found)"
# At run time the bootloader puts _internal/ on LD_LIBRARY_PATH, and Qt's libraries find each other by
# RPATH; ldd gets the same search path. libqgtk3.so (the GTK 3 platform theme) is optional: Qt skips it
# when GTK 3 is absent, as on a machine without GNOME.
missing=$(in_root env LD_LIBRARY_PATH=/opt/fazhi-desktop/_internal:/opt/fazhi-desktop/_internal/PySide6/Qt/lib \
  sh -c 'find /opt/fazhi-desktop -name "*.so*" -type f | while read -r f; do
  ldd "$f" 2>/dev/null | grep "not found" | sed "s|^|$f: |"; done' | sort -u || true)
echo "${missing:-(none)}"
if echo "$missing" | grep -v 'libqgtk3.so' | grep -q .; then
  echo "FAIL: libraries not found besides the optional GTK theme plugin" >&2
  exit 1
fi

step "command line inside the root (LANG unset, no terminal)"
run() { echo "\$ fazhi-desktop $*"; in_root env QT_QPA_PLATFORM=offscreen FAZHI_PASSPHRASE=chroot-test-pass \
  fazhi-desktop --data-dir /tmp/d "$@"; }
run --version
run plan list
run init --unit 县司法局 --contact 张三 --phone 0635-1234567
run check T01 --status 已完成 --result 已完成 --text 已组织专题学习三次
echo "会议纪要" >"$ROOT_DIR/tmp/纪要.txt"
run evidence add T01 /tmp/纪要.txt --date 2021-05-01
mkdir -p "$ROOT_DIR/tmp/out"
run report --out /tmp/out
run export --out /tmp/out --yes
pkg=$(cd "$ROOT_DIR/tmp/out" && ls -- *.zip | head -n 1)
run verify "/tmp/out/$pkg"
echo "\$ fazhi-desktop /tmp/out/$pkg      (what a double-click runs)"
in_root env QT_QPA_PLATFORM= fazhi-desktop "/tmp/out/$pkg" | head -n 2

step "MIME type and menu entry, as the desktop sees them (shared-mime-info, desktop-file-utils)"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shared-mime-info \
  desktop-file-utils >>"$OUT/apt-install.log" 2>&1
in_root dpkg-trigger --no-await update-mime-database 2>/dev/null || true
in_root update-mime-database /usr/share/mime
in_root update-desktop-database /usr/share/applications
grep -F 'application/x-fazhi-package:*_第*版.zip' "$ROOT_DIR/usr/share/mime/globs2" ||
  { echo "FAIL: MIME glob not registered" >&2; exit 1; }
grep -F 'application/x-fazhi-package=fazhi-desktop.desktop' "$ROOT_DIR/usr/share/applications/mimeinfo.cache" ||
  { echo "FAIL: package files are not opened by fazhi-desktop" >&2; exit 1; }
in_root desktop-file-validate /usr/share/applications/fazhi-desktop.desktop && echo "desktop file valid"

step "window, offscreen platform"
run --screenshot /tmp/offscreen.png
cp "$ROOT_DIR/tmp/offscreen.png" "$OUT/offscreen.png"
echo "saved $OUT/offscreen.png ($(stat -c %s "$OUT/offscreen.png") bytes)"

if [[ "${SKIP_XVFB:-0}" != 1 ]]; then
  step "window, real X11 (xcb) platform under Xvfb (xvfb and xauth installed only for this test)"
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth \
    >>"$OUT/apt-install.log" 2>&1
  in_root env QT_QPA_PLATFORM=xcb QT_DEBUG_PLUGINS=0 xvfb-run -a -s "-screen 0 1280x800x24" \
    fazhi-desktop --data-dir /tmp/d --screenshot /tmp/xcb.png --page item:T01 2>&1 | tail -n 20
  cp "$ROOT_DIR/tmp/xcb.png" "$OUT/xcb.png"
  echo "saved $OUT/xcb.png ($(stat -c %s "$OUT/xcb.png") bytes)"
fi

fi # QUICK

step "removal"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq fazhi-desktop >>"$OUT/apt-install.log" 2>&1
if [[ -e "$ROOT_DIR/opt/fazhi-desktop" || -e "$ROOT_DIR/usr/bin/fazhi-desktop" ]]; then
  echo "FAIL: files left after purge" >&2
  exit 1
fi
echo "purged: /opt/fazhi-desktop and /usr/bin/fazhi-desktop gone (user data is never touched)"

step "PASS ($SUITE, $(($(date +%s) - T_ALL)) s)"
