#!/usr/bin/env bash
# Install what the tests need (first time only) and run the whole test suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
