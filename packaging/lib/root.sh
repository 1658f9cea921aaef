# Shared by the packaging scripts that work in a fresh Debian root (sourced, not run).
#   root_mirror              the Debian mirror this machine's apt uses (deb822 or one-line sources)
#   root_make DIR SUITE      a fresh `debootstrap --variant=minbase` root in DIR, cached as a tarball
#   root_mount DIR           /proc /sys /dev /dev/pts, resolv.conf and this machine's CA certificates
#   root_umount DIR          undo root_mount (also called from the EXIT trap of the calling script)
#   in_root DIR CMD...       run CMD inside DIR with a clean environment
# The CA certificates matter: on machines whose egress goes through a TLS-inspecting proxy, pip and apt
# inside the root reach their servers only with the host's locally added certificates.

root_mirror() {
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -v '^ *#' | grep -oE '(https?|file)://[^ ]*/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ' || true)
  echo "${m:-http://deb.debian.org/debian}"
}

root_make() {
  local dir=$1 suite=$2 cache
  cache="${ROOT_CACHE_DIR:-$HERE/build}/root-$suite-$(dpkg --print-architecture).tar"
  rm -rf "$dir"
  mkdir -p "$dir" "$(dirname "$cache")"
  local t0
  t0=$(date +%s)
  if [[ -f "$cache" && "${REFRESH:-0}" != 1 ]]; then
    tar -xf "$cache" -C "$dir"
    echo "fresh $suite root unpacked from $cache in $(($(date +%s) - t0)) s"
  else
    command -v debootstrap >/dev/null || {
      apt-get -o DPkg::Lock::Timeout=600 update -qq
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap
    }
    local mirror=${MIRROR:-$(root_mirror)}
    debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 ||
      { tail -20 "$dir.debootstrap.log"; return 1; }
    echo "debootstrap --variant=minbase $suite: $(($(date +%s) - t0)) s ($mirror)"
    tar -cf "$cache.tmp.$$" -C "$dir" . && mv "$cache.tmp.$$" "$cache" # two runs at once: whole or none
  fi
}

ROOT_MOUNTS=()
root_mount() {
  local dir=$1 m
  for m in proc sys dev dev/pts; do
    case $m in
      proc) mount -t proc proc "$dir/proc" ;;
      sys) mount -t sysfs sys "$dir/sys" ;;
      *) mount --bind "/$m" "$dir/$m" ;;
    esac
    ROOT_MOUNTS+=("$dir/$m")
  done
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$dir/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
  fi
  # until ca-certificates is installed in the root, apt over https and pip use the host's bundle
  if [[ -f /etc/ssl/certs/ca-certificates.crt && ! -f "$dir/etc/ssl/certs/ca-certificates.crt" ]]; then
    mkdir -p "$dir/etc/ssl/certs"
    cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/ca-certificates.crt"
  fi
}

root_umount() {
  local i
  for ((i = ${#ROOT_MOUNTS[@]} - 1; i >= 0; i--)); do umount -l "${ROOT_MOUNTS[$i]}" 2>/dev/null || true; done
  ROOT_MOUNTS=()
}

in_root() {
  local dir=$1
  shift
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$@"
}

root_apt() {
  local dir=$1
  shift
  in_root "$dir" apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 "$@"
}
