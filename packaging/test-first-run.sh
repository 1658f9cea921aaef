#!/usr/bin/env bash
# A newcomer's first run, in a fresh minimal Debian root: the checkout cloned into /root, the README's two
# commands. As root, by hand (it downloads Qt, LibreOffice Calc and the Python wheels: many minutes).
#
#   sudo SUITE=trixie packaging/test-first-run.sh          (FULL=1: the whole test suite, else a sample)
#
# 1. a user without sudo runs ./run.sh: a clear message, not "sudo: command not found";
# 2. root, in /root/fazhi_desktop: ./run.sh --version (set-up prints its steps), ./run.sh with no display
#    (advice instead of Qt's abort), ./run.sh --self-test, and ./test.sh;
# 3. ./run.sh again: no apt run the second time (the package check knows libglib2.0-0t64).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
# shellcheck source=packaging/lib/root.sh
. "$HERE/lib/root.sh"
SUITE=${SUITE:-bookworm}
R=/tmp/fazhi-first-run-$SUITE
OUT="$HERE/build/first-run-$SUITE"
mkdir -p "$OUT"
step() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || fail "run as root"
trap 'root_umount; rm -rf "$R"' EXIT
T0=$(date +%s)

step "fresh $SUITE root; git installed (a newcomer clones the project)"
root_make "$R" "$SUITE"
root_mount "$R"
root_apt "$R" update -qq
root_apt "$R" install -y -qq --no-install-recommends git ca-certificates >"$OUT/apt.log" 2>&1
git -C "$REPO" bundle create "$R/tmp/fazhi.bundle" HEAD >/dev/null 2>&1
in_root "$R" git clone -q /tmp/fazhi.bundle /root/fazhi_desktop

step "a user without sudo: ./run.sh"
in_root "$R" useradd -m clerk
in_root "$R" su clerk -c 'git clone -q /tmp/fazhi.bundle ~/fazhi_desktop && cd ~/fazhi_desktop && ./run.sh --version' \
  >"$OUT/no-sudo.log" 2>&1 && fail "./run.sh without sudo should stop"
cat "$OUT/no-sudo.log" | tail -n 6
grep -q '没有 sudo' "$OUT/no-sudo.log" || fail "no clear message without sudo"
grep -q 'command not found' "$OUT/no-sudo.log" && fail "a raw 'command not found'"

step "root in /root/fazhi_desktop: ./run.sh --version (first run: set-up)"
t=$(date +%s)
in_root "$R" sh -c 'cd /root/fazhi_desktop && ./run.sh --version' 2>&1 | tee "$OUT/first-run.log" | grep -E '^\[|fazhi-desktop|失败'
[[ ${PIPESTATUS[0]} -eq 0 ]] || fail "./run.sh --version"
echo "first ./run.sh took $(($(date +%s) - t)) s"

step "./run.sh again: nothing to install, no apt"
out=$(in_root "$R" sh -c 'cd /root/fazhi_desktop && ./run.sh --version' 2>&1)
echo "$out"
echo "$out" | grep -q '^\[1/4\]' && fail "set-up ran again on the second start"

step "./run.sh with no display"
set +e
in_root "$R" sh -c 'cd /root/fazhi_desktop && ./run.sh' >"$OUT/no-display.log" 2>&1
code=$?
set -e
head -n 2 "$OUT/no-display.log"
[[ $code -eq 4 ]] && grep -q '没有可用的图形显示' "$OUT/no-display.log" || fail "no advice without a display (exit $code)"

step "./run.sh --self-test"
in_root "$R" sh -c 'cd /root/fazhi_desktop && ./run.sh --self-test' 2>&1 | tail -n 1

step "./test.sh ${FULL:+(whole suite)}"
t=$(date +%s)
if [[ "${FULL:-0}" == 1 ]]; then
  args="-q -p no:cacheprovider"
else
  args="-q -p no:cacheprovider tests/test_version.py tests/test_evidence_bad_input.py tests/test_selftest.py tests/test_display.py tests/test_portable.py"
fi
in_root "$R" sh -c "cd /root/fazhi_desktop && ./test.sh $args" 2>&1 | tee "$OUT/test.log" | grep -E '^\[|passed|failed|error' | tail -n 12
[[ ${PIPESTATUS[0]} -eq 0 ]] || fail "./test.sh"
echo "./test.sh took $(($(date +%s) - t)) s"
step "PASS: first run in a fresh $SUITE root, cloned into /root ($(($(date +%s) - T0)) s)"
