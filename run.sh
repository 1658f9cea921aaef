#!/usr/bin/env bash
# Install what is needed (first time only) and start fazhi-desktop. Extra arguments go to the program,
# e.g. ./run.sh --data-dir /media/usb/fazhi (portable use) or ./run.sh plan show.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/fazhi-desktop "$@"
