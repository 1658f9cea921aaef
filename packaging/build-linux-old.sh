#!/usr/bin/env bash
# Build the .deb for older Linux desktops (glibc 2.31: Debian 11, and UOS 20 / Kylin V10-class systems)
# inside a Debian 11 (bullseye) root, then install it into a second, fresh bullseye root and run
# `fazhi-desktop --self-test` there. Run by hand, as root (slow: Python is compiled once, ~10 min on 2 cores).
#
#   sudo packaging/build-linux-old.sh
#
# Debian 11 has Python 3.9; the program needs 3.11. Python 3.11 is built inside the root from Debian's own
# bookworm source package (the upstream tarball python3.11_3.11.2.orig.tar.gz plus Debian's security
# patches, the CVE-* and gh-* entries of debian/patches/series; Debian's layout patches are left out, they
# assume Debian's build system), `--enable-shared` because PyInstaller needs libpython3.11.so. PySide6 is
# pinned to 6.9.3, the newest with manylinux_2_28 wheels. The bundle's Depends then says `libc6 (>= 2.31)`.
#
# Output: packaging/dist/fazhi-desktop_<version>~glibc2.31_amd64.deb (the `~` sorts it below the Debian 12
# build of the same version, so a machine that moves to Debian 12 upgrades to that one).
# Environment: SUITE (default bullseye), WORK (build root, kept between runs; default
# /var/tmp/fazhi-build-$SUITE), MIRROR, SKIP_TEST=1, STOP_AFTER=python (prepare the root only).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
# shellcheck source=packaging/lib/root.sh
. "$HERE/lib/root.sh"
SUITE=${SUITE:-bullseye}
WORK=${WORK:-/var/tmp/fazhi-build-$SUITE}
TEST_ROOT=${TEST_ROOT:-/var/tmp/fazhi-test-$SUITE}
PY_SRC_SUITE=bookworm
PY_PREFIX=/opt/python3.11
LOG="$HERE/build/old-$SUITE"
[[ $(id -u) -eq 0 ]] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 1; }
mkdir -p "$LOG" "$HERE/dist"

step() { printf '\n== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
trap 'root_umount' EXIT
T_ALL=$(date +%s)

step "1/6 build root ($SUITE) in $WORK"
if [[ ! -x "$WORK/usr/bin/apt-get" ]]; then
  root_make "$WORK" "$SUITE"
else
  echo "reusing $WORK (delete it for a fresh build)"
fi
root_mount "$WORK"

step "2/6 build tools in the root (compiler, Python's build dependencies, Qt's offscreen libraries)"
MIRROR=${MIRROR:-$(root_mirror)}
# bookworm main only: its python3.11 (3.11.2-6+deb12uN) carries the point-release security patches, and
# the security archive's pool was not reachable from here.
cat >"$WORK/etc/apt/sources.list.d/python-src.list" <<EOF
deb-src $MIRROR $PY_SRC_SUITE main
EOF
t0=$(date +%s)
root_apt "$WORK" update -qq
root_apt "$WORK" install -y -qq --no-install-recommends ca-certificates build-essential pkg-config dpkg-dev \
  binutils libssl-dev zlib1g-dev libffi-dev libsqlite3-dev libbz2-dev liblzma-dev uuid-dev libexpat1-dev \
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 \
  >"$LOG/apt-build.log" 2>&1 || { tail -20 "$LOG/apt-build.log"; exit 1; }
echo "done in $(($(date +%s) - t0)) s; glibc in the root: $(in_root "$WORK" getconf GNU_LIBC_VERSION)"

step "3/6 Python 3.11 from Debian's $PY_SRC_SUITE source package, into $PY_PREFIX"
if in_root "$WORK" $PY_PREFIX/bin/python3.11 -c 'import pyexpat, ssl, sqlite3, lzma, ctypes, pip' 2>/dev/null; then
  echo "already built: $(in_root "$WORK" $PY_PREFIX/bin/python3.11 -VV)"
else
  t0=$(date +%s)
  rm -rf "${WORK:?}$PY_PREFIX" # an earlier build that stopped half-way
  in_root "$WORK" sh -c 'rm -rf /build/py && mkdir -p /build/py && cd /build/py &&
    apt-get source --download-only -qq python3.11' >"$LOG/python-source.log" 2>&1 ||
    { tail -20 "$LOG/python-source.log"; exit 1; }
  # shellcheck disable=SC2016
  in_root "$WORK" bash -c 'set -e; cd /build/py
    tar -xzf python3.11_*.orig.tar.gz; tar -xJf python3.11_*.debian.tar.xz
    src=$(ls -d Python-3.11*/ | head -n 1); cd "$src"
    ok=0; bad=0
    for p in $(grep -E "^(CVE-|[0-9]{4}-3\.11-gh-)" ../debian/patches/series); do
      # a dry run first: a patch that does not fit whole is left out, never half-applied
      if patch -p1 -N -s --dry-run <"../debian/patches/$p" >/dev/null &&
        patch -p1 -N -s --no-backup-if-mismatch <"../debian/patches/$p" >/dev/null; then ok=$((ok + 1));
      else echo "security patch did not apply: $p"; bad=$((bad + 1)); fi
    done
    echo "Debian security patches applied: $ok, not applied: $bad"
    # The CVE-2026-4224 backport makes pyexpat.c include internal headers; with Debian'"'"'s build layout
    # left out, the module is built by setup.py and needs the define 3.12 puts at the top of the file.
    if grep -q "pycore_" Modules/pyexpat.c && ! grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c; then
      sed -i "1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif" Modules/pyexpat.c
    fi' 2>&1 | tee "$LOG/python-patches.log"
  in_root "$WORK" bash -c "set -e; cd /build/py/Python-3.11*/
    ./configure -q --prefix=$PY_PREFIX --enable-shared --with-ensurepip=install \
      LDFLAGS='-Wl,-rpath,$PY_PREFIX/lib'
    make -s -j$(nproc)
    make -s altinstall" >"$LOG/python-build.log" 2>&1 || { tail -40 "$LOG/python-build.log"; exit 1; }
  in_root "$WORK" $PY_PREFIX/bin/python3.11 -c 'import ssl, sqlite3, lzma, bz2, ctypes, zlib, tomllib;
print("Python", __import__("sys").version.split()[0], "· OpenSSL", ssl.OPENSSL_VERSION, "· SQLite", sqlite3.sqlite_version)'
  echo "Python built in $(($(date +%s) - t0)) s"
fi

[[ "${STOP_AFTER:-}" == python ]] && { echo "STOP_AFTER=python: stopping here"; exit 0; }

step "4/6 the program's source into the root (git HEAD plus the working tree)"
rm -rf "$WORK/build/src"
mkdir -p "$WORK/build/src"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$WORK/build/src"

step "5/6 packaging/build-linux.sh inside the root (PySide6 6.9.3)"
t0=$(date +%s)
in_root "$WORK" env PYTHON=$PY_PREFIX/bin/python3.11 PYSIDE6_VERSION=6.9.3 DEB_COMPRESS=${DEB_COMPRESS:-gzip} \
  VERSION_SUFFIX="~glibc$(in_root "$WORK" getconf GNU_LIBC_VERSION | awk '{print $2}')" \
  COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)" BUILD_VENV=/build/venv /build/src/packaging/build-linux.sh 2>&1 | tee "$LOG/build-linux.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || exit 1
DEB=$(ls -t "$WORK"/build/src/packaging/dist/fazhi-desktop_*~glibc*.deb | head -n 1)
cp "$DEB" "$HERE/dist/"
DEB="$HERE/dist/$(basename "$DEB")"
echo "built in the root in $(($(date +%s) - t0)) s: $DEB ($(du -h "$DEB" | cut -f1))"
cp "$WORK"/build/src/packaging/dist/build-info-*.json "$HERE/dist/"
root_umount

if [[ "${SKIP_TEST:-0}" != 1 ]]; then
  step "6/6 install into a fresh $SUITE root and run --self-test"
  SUITE=$SUITE ROOT_DIR=$TEST_ROOT "$HERE/test-deb-in-chroot.sh" --quick "$DEB" 2>&1 | tee "$LOG/test.log"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || exit 1
fi
step "done in $(($(date +%s) - T_ALL)) s"
