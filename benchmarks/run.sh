#!/usr/bin/env bash
# One command: build the peers' virtualenv (once), install newsextract beside them, run every tool
# over the shared sets in one process, score with the shared scorers, write benchmarks/results/.
#   bash benchmarks/run.sh [--tools newsextract,trafilatura,...] [--repeat 3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-peers"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$here/requirements-peers.txt"
fi
"$venv/bin/python" -m pip install --quiet "$here/.."
exec "$venv/bin/python" "$here/compare.py" "$@"
