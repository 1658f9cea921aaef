#!/usr/bin/env bash
# Prepare a Debian/UOS/Kylin machine for fazhi-desktop: the system libraries Qt needs, then a virtual
# environment in .venv with the program installed. Safe to run again: it installs only what is missing.
#   scripts/setup.sh          what the program needs
#   scripts/setup.sh --xvfb   plus a virtual display (Xvfb, xauth) for ./run.sh --xvfb
#   scripts/setup.sh --test   plus what the test suite needs (Xvfb, poppler, LibreOffice Calc and Writer, openssl)
# Every step says what it installs and why; a failed step says which one it was and what to do.
set -uo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-run}

# "a|b" means either package will do (Debian 13 renamed several libraries with a t64 suffix).
PYTHON_PKGS=(python3 python3-venv python3-pip)
QT_PKGS=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 "libglib2.0-0t64|libglib2.0-0"
  libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 "libxcb-util1|libxcb-util0" libxcb-xfixes0 libxcb-xkb1
  libx11-xcb1 libxkbcommon-x11-0)
FONT_PKGS=(fonts-wqy-microhei)
XVFB_PKGS=(xvfb xauth)
# LibreOffice Writer makes a real .doc for the plan draft tests.
TEST_PKGS=(poppler-utils openssl coreutils unzip libreoffice-calc-nogui libreoffice-writer-nogui
  exfatprogs exfat-fuse dosfstools fusefat)

STEP=0
TOTAL=4
CURRENT=""
HINT=""
step() {
  STEP=$((STEP + 1))
  CURRENT=$1
  HINT=$2
  printf '[%d/%d] %s\n' "$STEP" "$TOTAL" "$CURRENT"
}
fail() {
  printf '\n准备环境失败：第 %d/%d 步“%s”没有完成。\n%s\n' "$STEP" "$TOTAL" "$CURRENT" "${1:-$HINT}" >&2
  exit 1
}

# (No `| grep -q` here: with pipefail, grep's early exit can kill the writer with SIGPIPE and fail the test.)
is_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }
has_candidate() { [[ $(apt-cache policy "$1" 2>/dev/null) =~ Candidate:\ [^\(] ]]; }

# ---------------------------------------------------------------------------------------------------------
declare -A WHY=()
want=()
add_group() {
  local why=$1
  shift
  local p
  for p in "$@"; do
    want+=("$p")
    WHY[$p]=$why
  done
}
add_group "Python 3 和虚拟环境（运行本程序）" "${PYTHON_PKGS[@]}"
add_group "Qt 图形界面需要的系统库" "${QT_PKGS[@]}"
add_group "中文字体（测试和界面显示中文）" "${FONT_PKGS[@]}"
[[ "$MODE" == --xvfb || "$MODE" == --test ]] && add_group "虚拟显示 Xvfb（没有屏幕时显示窗口、测试）" "${XVFB_PKGS[@]}"
[[ "$MODE" == --test ]] && add_group "测试用工具（PDF、LibreOffice Calc 和 Writer、openssl、U 盘文件系统）" "${TEST_PKGS[@]}"

missing=()
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  for entry in "${want[@]}"; do
    found=0
    IFS='|' read -r -a alts <<<"$entry"
    for alt in "${alts[@]}"; do is_installed "$alt" && found=1 && break; done
    ((found)) || missing+=("$entry")
  done
fi
extra=""
[[ "$MODE" == --test ]] && extra="[test]"
stamp=".venv/.installed${extra:+-test}"
if ((${#missing[@]} == 0)) && [[ -x .venv/bin/python && -f "$stamp" && ! pyproject.toml -nt "$stamp" ]]; then
  exit 0 # everything in place: start without a word
fi

step "检查系统软件包" "请把上面的错误信息发给技术支持。"
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  if ((${#missing[@]} == 0)); then
    echo "      齐全，无需安装。"
  else
    echo "      需要安装 ${#missing[@]} 个："
    for entry in "${missing[@]}"; do printf '        %-34s %s\n' "${entry//|/ 或 }" "${WHY[$entry]}"; done
  fi
else
  echo "      不是 Debian 类系统，跳过（需要自行安装 Python 3.11 或更新版本以及 Qt 6 运行库）。"
fi

SUDO=()
if ((${#missing[@]})) && [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
    echo "      安装系统软件包需要管理员权限，将通过 sudo 执行（可能要求输入您的登录密码）。"
  else
    names=()
    for entry in "${missing[@]}"; do names+=("${entry%%|*}"); done
    fail "当前用户不是管理员（root），系统里也没有 sudo 命令，无法安装上面列出的系统软件包。
请管理员以 root 身份执行下面这条命令，然后再运行一次 ./run.sh：
    apt-get install --no-install-recommends ${names[*]}"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
step "安装系统软件包" "请查看上面 apt 的报错：常见原因是网络或软件源不可用（检查 /etc/apt/sources.list），
或另一个安装程序正在运行（等它结束后再运行一次 ./run.sh）。"
if ((${#missing[@]})); then
  APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Progress-Fancy=0)
  echo "      更新软件源列表（apt-get update）……"
  "${APT[@]}" update -qq || fail
  pick=()
  for entry in "${missing[@]}"; do
    IFS='|' read -r -a alts <<<"$entry"
    chosen=""
    for alt in "${alts[@]}"; do
      if has_candidate "$alt"; then chosen=$alt && break; fi
    done
    [[ -n "$chosen" ]] || fail "软件源里找不到软件包 ${entry//|/ 或 }（${WHY[$entry]}）。请检查 /etc/apt/sources.list 是否包含本系统的主软件源。"
    pick+=("$chosen")
  done
  echo "      下载并安装：${pick[*]}"
  "${APT[@]}" install -y -q --no-install-recommends "${pick[@]}" 2>&1 |
    grep --line-buffered -E '^(Get:|Setting up|E:|W:)' | sed -u 's/^/      /'
  ((PIPESTATUS[0] == 0)) || fail
  echo "      系统软件包已安装。"
else
  echo "      跳过：没有需要安装的。"
fi

# ---------------------------------------------------------------------------------------------------------
PY=${PYTHON:-python3}
step "创建 Python 虚拟环境 .venv" "请确认已安装 python3-venv（Debian：apt-get install python3-venv），然后删除 .venv 目录再运行一次。"
if [[ -x .venv/bin/python ]]; then
  echo "      已存在：$(.venv/bin/python -V)"
else
  command -v "$PY" >/dev/null 2>&1 || fail "找不到 $PY。请安装 Python 3.11 或更新版本，或用 PYTHON=/路径/python3.11 指定。"
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    fail "本程序需要 Python 3.11 或更新版本，而 $PY 是 $("$PY" -V 2>&1)（Debian 11、UOS 20 等较旧的系统）。
请改用安装包 fazhi-desktop_*~glibc2.31_amd64.deb（见 docs/install.md），
或安装 Python 3.11 后用 PYTHON=/路径/python3.11 ./run.sh 运行。"
  fi
  echo "      用 $("$PY" -V) 创建……"
  "$PY" -m venv .venv || { rm -rf .venv; fail; }
fi

# ---------------------------------------------------------------------------------------------------------
step "安装本程序和它依赖的 Python 库${extra:+（含测试工具）}" "请检查网络或 pip 的软件源（pip config list），然后再运行一次；
仍不行时删除 .venv 目录后重来。"
if [[ -f "$stamp" && ! pyproject.toml -nt "$stamp" ]]; then
  echo "      已安装，无需更新。"
else
  echo "      PySide6（Qt 界面）、reportlab（PDF）、openpyxl（Excel）、cryptography（签名）等，约 150 MB……"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip || fail
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off -e ".${extra}" 2>&1 |
    grep --line-buffered -E '^(Collecting|Successfully|ERROR|error)' | sed -u 's/^/      /'
  ((PIPESTATUS[0] == 0)) || fail
  touch "$stamp"
fi
