#!/usr/bin/env bash
# Chinese typed through fcitx5 lands in the item page of the bundled program and is saved.
#
#   packaging/test-fcitx5.sh [BUNDLE_DIR]      (default packaging/dist/fazhi-desktop; as root it installs
#                                               fcitx5, fcitx5-chinese-addons, xvfb, xdotool, dbus-x11)
#
# The route: the PySide6 wheels carry Qt's `ibus` input-method plugin but no fcitx plugin, and Debian's
# fcitx5-frontend-qt6 is built against Debian's Qt, not the Qt inside the bundle. fcitx5 itself speaks the
# IBus protocol (its ibusfrontend addon), so the program runs with QT_IM_MODULE=ibus and talks to fcitx5.
#
# What happens, as a person would do it: Xvfb and a D-Bus session; fcitx5 with pinyin as the active input
# method; the program opened at item T01 (`--page item:T01`); Alt+W (the mnemonic of 工作开展情况) moves
# the cursor into the text box; xdotool presses the keys z h o n g w e n and Space, one by one with a
# pause, on the X keyboard — fcitx5 turns them into 中文 and commits it into the field; Ctrl+Q closes the
# window (the autosave writes on close). Then `fazhi-desktop show T01` must print the text from the database.
# Qt's ibus plugin only works without an ibus-daemon program when it uses the IBus portal
# (IBUS_USE_PORTAL=1), which fcitx5 also serves: found here, see docs/install.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=${1:-$HERE/dist/fazhi-desktop}
APP=${APP:-$BUNDLE/fazhi-desktop} # APP=.venv/bin/fazhi-desktop tries the checkout instead
[[ -x "$APP" ]] || { echo "no program at $APP: run packaging/build-linux.sh" >&2; exit 1; }
OUT="$HERE/build/fcitx5-test"
mkdir -p "$OUT"
step() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

need=()
for tool in fcitx5:fcitx5 Xvfb:xvfb xdotool:xdotool dbus-launch:dbus-x11 xwd:x11-apps; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[[ -f /usr/lib/x86_64-linux-gnu/fcitx5/libpinyin.so || -f /usr/lib/$(uname -m)-linux-gnu/fcitx5/libpinyin.so ]] ||
  need+=(fcitx5-chinese-addons)
if ((${#need[@]})); then
  step "installing ${need[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${need[@]}" fcitx5-chinese-addons >/dev/null
fi

WORK=$(mktemp -d /tmp/fazhi-fcitx5.XXXXXX)
PIDS=()
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${DBUS_SESSION_BUS_PID:-}" ]] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$XDG_CONFIG_HOME/fcitx5/conf" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY QT_QPA_PLATFORM

step "Xvfb and a D-Bus session"
n=$((70 + RANDOM % 100))
Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=":$n"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
eval "$(dbus-launch --sh-syntax)"
echo "DISPLAY=$DISPLAY, session bus $DBUS_SESSION_BUS_ADDRESS"

step "fcitx5 with pinyin, active by default"
cat >"$XDG_CONFIG_HOME/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
cat >"$XDG_CONFIG_HOME/fcitx5/config" <<'EOF'
[Behavior]
ActiveByDefault=True
ShareInputState=All
EOF
fcitx5 ${FCITX_VERBOSE:+--verbose=$FCITX_VERBOSE} --disable=wayland,waylandim,kimpanel,notificationitem,clipboard >"$OUT/fcitx5.log" 2>&1 &
PIDS+=($!)
# Wait for fcitx5's own bus name without calling it: a call would make D-Bus start a second fcitx5 from
# org.fcitx.Fcitx5.service, which takes the name while this one is still loading its addons.
has_name() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
    "string:$1" 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 150); do has_name org.fcitx.Fcitx5 && has_name org.freedesktop.IBus && break; sleep 0.2; done
has_name org.freedesktop.IBus || { tail -20 "$OUT/fcitx5.log"; fail "fcitx5 (with its IBus front end) did not start"; }
echo "fcitx5 running (fcitx5-remote state $(fcitx5-remote)); IBus address files: $(ls "$XDG_CONFIG_HOME/ibus/bus" 2>/dev/null | tr '\n' ' ')"

# What UOS/Kylin set in a session with fcitx; the program itself switches to fcitx5's IBus front end
# (fazhi_desktop/ui/display.py: QT_IM_MODULE=ibus, IBUS_USE_PORTAL=1). IM_MODULE=ibus tests that route directly.
IM_MODULE=${IM_MODULE:-fcitx}
step "the program, opened at item T01 (the session says QT_IM_MODULE=$IM_MODULE, XMODIFIERS=@im=fcitx)"
export FAZHI_PASSPHRASE="fcitx5-test-passphrase-1234"
DATA="$WORK/data"
"$APP" --data-dir "$DATA" init --unit 县司法局 --contact 张三 --phone 0635-1234567 >/dev/null
env QT_IM_MODULE="$IM_MODULE" XMODIFIERS=@im=fcitx QT_LOGGING_RULES="qt.qpa.input.methods=true" "$APP" --data-dir "$DATA" --page item:T01 >"$OUT/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
WID=$(timeout 60 xdotool search --sync --onlyvisible --class fazhi-desktop | head -n 1) || fail "no window"
sleep 3 # the item page is laid out and the input context is created
xdotool windowfocus --sync "$WID" 2>/dev/null || true
xdotool key --clearmodifiers alt+w # 工作开展情况(&W): the cursor goes into the text box
sleep 1
fcitx5-remote -o # the input method on (it is already, ActiveByDefault)
echo "input method for the focused field: $(fcitx5-remote -n 2>/dev/null || echo '?'), state $(fcitx5-remote)"

step "typing z h o n g w e n, Space — one key at a time"
for key in z h o n g w e n; do
  xdotool key "$key"
  sleep 0.25
done
sleep 0.5
xwd -root -silent >"$OUT/candidates.xwd" 2>/dev/null || true # the candidate window, for a look
xdotool key space
sleep 1.5
xwd -root -silent >"$OUT/committed.xwd" 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && fail "the program did not close on Ctrl+Q"

step "what the database holds"
shown=$("$APP" --data-dir "$DATA" show T01)
echo "$shown" | grep -E '工作开展情况|中文' | head -n 5
if ! echo "$shown" | grep -q '中文'; then
  echo "--- fcitx5 log"; tail -20 "$OUT/fcitx5.log"; echo "--- program log"; tail -20 "$OUT/app.log"
  fail "the text typed through fcitx5 is not in the database"
fi
if echo "$shown" | grep -q 'zhongwen'; then fail "raw keys reached the field: the input method was bypassed"; fi
step "PASS: 中文 typed through fcitx5 (pinyin, IBus front end) into the item page and saved"
