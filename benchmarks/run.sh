#!/usr/bin/env bash
# One command: build the peers' virtualenv (again whenever requirements-peers.txt changes), install
# newsextract beside them, run every tool over the shared sets in one process, score with the shared
# scorers, write benchmarks/results/.
#   bash benchmarks/run.sh [--tools newsextract,trafilatura,...] [--repeat 3] [--limit N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-peers"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
# The requirements the venv was built from are kept in it, so a changed pin reaches an old venv.
if ! cmp -s "$here/requirements-peers.txt" "$venv/requirements-peers.txt"; then
    "$venv/bin/python" -m pip install --quiet -r "$here/requirements-peers.txt"
    cp "$here/requirements-peers.txt" "$venv/requirements-peers.txt"
fi
"$venv/bin/python" -m pip install --quiet "$here/.."
exec "$venv/bin/python" "$here/compare.py" "$@"
