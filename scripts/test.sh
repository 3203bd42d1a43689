#!/usr/bin/env bash
# Set up, then run every rule's inline examples and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/cleaner rules test
.venv/bin/python -m pytest "$@"
