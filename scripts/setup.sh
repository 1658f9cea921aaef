#!/usr/bin/env bash
# Prepare a Debian/UOS/Kylin machine for fazhi-desktop: system libraries Qt needs, then a virtual
# environment in .venv with the program installed. Safe to run again: it installs only what is missing.
#   scripts/setup.sh          what the program needs
#   scripts/setup.sh --test   plus what the test suite needs (Xvfb, poppler, LibreOffice Calc, openssl)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME_PKGS=(python3 python3-venv python3-pip
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  libx11-xcb1 libxkbcommon-x11-0 fonts-wqy-microhei)
TEST_PKGS=(xvfb poppler-utils openssl coreutils unzip libreoffice-calc-nogui)

want=("${RUNTIME_PKGS[@]}")
[[ "${1:-}" == "--test" ]] && want+=("${TEST_PKGS[@]}")

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    echo "正在安装系统软件包：${missing[*]}"
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "提示：不是 Debian 系统，跳过系统软件包安装（需要 Python 3.11 及 Qt 6 运行库）。" >&2
fi

PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv
fi
extra=""
[[ "${1:-}" == "--test" ]] && extra="[test]"
stamp=".venv/.installed${extra:+-test}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
  touch "$stamp"
fi
