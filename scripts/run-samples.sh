#!/usr/bin/env bash
# Set up, then clean samples/input into out/samples and compare with the expected outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf out/samples
.venv/bin/cleaner clean samples/input -o out/samples
diff -r -x .cleaner samples/expected out/samples && echo "samples: output matches samples/expected"
