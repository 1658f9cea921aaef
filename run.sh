#!/usr/bin/env bash
# Install what is needed (first time only) and start fazhi-desktop. Extra arguments go to the program,
# e.g. ./run.sh --data-dir /media/usb/fazhi (portable use) or ./run.sh plan show.
#   ./run.sh --xvfb [ARGS]   start the window in a virtual display (Xvfb) when the machine has no screen,
#                            e.g. over ssh without X forwarding (installs xvfb and xauth the first time)
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${1:-}" == "--xvfb" ]]; then
  shift
  scripts/setup.sh --xvfb
  exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/fazhi-desktop "$@"
fi
scripts/setup.sh
exec .venv/bin/fazhi-desktop "$@"
