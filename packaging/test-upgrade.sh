#!/usr/bin/env bash
# Upgrades keep the data: install the previous release's .deb into a fresh Debian root, create data with
# it (the clerk's whole workflow, in the default per-user data folder), install the new .deb over it, and
# check with the new program that everything is there and intact (doctor, history chain, the old package
# still verifies, the database is migrated to the new schema). As root; by hand (several minutes).
#
#   sudo packaging/test-upgrade.sh [NEW.deb]        PREV=<commit> (default 9067f9c, before issue 12)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=packaging/lib/root.sh
. "$HERE/lib/root.sh"
PREV=${PREV:-9067f9c}
SUITE=${SUITE:-bookworm}
NEW=${1:-$(ls -t "$HERE"/dist/fazhi-desktop_*_amd64.deb | grep -v glibc | head -n 1)}
NEW=$(readlink -f "$NEW")
ROOT_DIR=/tmp/fazhi-upgrade-root
PREV_TREE=/tmp/fazhi-prev-$PREV
OUT="$HERE/build/upgrade-test"
mkdir -p "$OUT"
step() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || fail "run as root"
cleanup() {
  root_umount
  rm -rf "$ROOT_DIR"
  git -C "$ROOT" worktree remove --force "$PREV_TREE" 2>/dev/null || true
}
trap cleanup EXIT

step "the previous release: commit $PREV, built with its own packaging/build-linux.sh"
PREV_DEB=$(ls "$HERE"/build/prev-"$PREV"/*.deb 2>/dev/null | head -n 1 || true)
if [[ -z "$PREV_DEB" ]]; then
  git -C "$ROOT" worktree remove --force "$PREV_TREE" 2>/dev/null || true
  git -C "$ROOT" worktree add --detach "$PREV_TREE" "$PREV" >/dev/null
  # the build venv of this checkout (same dependencies) saves the downloads
  BUILD_VENV="$HERE/build/venv" DEB_COMPRESS=gzip "$PREV_TREE/packaging/build-linux.sh" >"$OUT/prev-build.log" 2>&1 ||
    { tail -20 "$OUT/prev-build.log"; fail "the previous release did not build"; }
  mkdir -p "$HERE/build/prev-$PREV"
  cp "$PREV_TREE"/packaging/dist/fazhi-desktop_*.deb "$HERE/build/prev-$PREV/"
  PREV_DEB=$(ls "$HERE"/build/prev-"$PREV"/*.deb | head -n 1)
fi
echo "previous: $PREV_DEB; new: $NEW"

step "fresh $SUITE root, the previous release installed"
root_make "$ROOT_DIR" "$SUITE"
root_mount "$ROOT_DIR"
cp "$PREV_DEB" "$ROOT_DIR/tmp/prev.deb"
cp "$NEW" "$ROOT_DIR/tmp/new.deb"
root_apt "$ROOT_DIR" update -qq
root_apt "$ROOT_DIR" install -y -qq --no-install-recommends /tmp/prev.deb >"$OUT/apt.log" 2>&1 ||
  { tail -20 "$OUT/apt.log"; fail "previous .deb did not install"; }
run() { in_root "$ROOT_DIR" env QT_QPA_PLATFORM=offscreen FAZHI_PASSPHRASE=upgrade-test-pass-1234 fazhi-desktop "$@"; }

step "data made with the previous release (default data folder /root/.local/share/fazhi-desktop)"
run --version
run init --unit 县司法局 --contact 张三 --phone 0635-1234567 >/dev/null
run check T01 --status 已完成 --result 已完成 --text 升级前写的内容
echo "会议纪要" >"$ROOT_DIR/tmp/纪要.txt"
run evidence add T01 /tmp/纪要.txt --date 2021-05-01 >/dev/null
mkdir -p "$ROOT_DIR/tmp/out"
run export --out /tmp/out --yes | head -n 1
PKG=$(cd "$ROOT_DIR/tmp/out" && ls -- *.zip | head -n 1)
before=$(sha256sum "$ROOT_DIR/root/.local/share/fazhi-desktop/fazhi.db" | cut -c1-16)

step "the new release installed over it (dpkg -i, then apt for new dependencies)"
in_root "$ROOT_DIR" dpkg -i /tmp/new.deb >>"$OUT/apt.log" 2>&1 || true
root_apt "$ROOT_DIR" install -f -y -qq --no-install-recommends >>"$OUT/apt.log" 2>&1 ||
  { tail -20 "$OUT/apt.log"; fail "new .deb did not install over the old one"; }
in_root "$ROOT_DIR" dpkg-query -W -f '${Package} ${Version} ${Status}\n' fazhi-desktop
run --version

step "the data, seen by the new release"
run doctor || fail "doctor is not clean after the upgrade"
run show T01 | grep -F '升级前写的内容' || fail "the self-check text is gone"
run show T01 | grep -F '纪要.txt' || fail "the evidence file is gone"
run history --verify | tail -n 2 || fail "the history chain does not verify"
run verify "/tmp/out/$PKG" | head -n 1 || fail "the package made before the upgrade no longer verifies"
after=$(sha256sum "$ROOT_DIR/root/.local/share/fazhi-desktop/fazhi.db" | cut -c1-16)
echo "database before $before, after $after (changed = migrated on first open)"
run export --out /tmp/out --yes | head -n 1 || fail "export with the new release failed"
run --self-test | tail -n 1
step "PASS: upgrade from $PREV keeps the data"
