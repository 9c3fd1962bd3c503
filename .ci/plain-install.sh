#!/usr/bin/env bash
# A plain `pip install .` (no extras) into a fresh venv must run the main job:
# extraction of the seed articles. Then the [postgres] extra must import its driver.
# Guards against a dependency that only an extra (such as [test]) happens to pull in.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MILCOOP_SHARED:-../shared}
venv=$(mktemp -d /tmp/milcoop-plain.XXXXXX)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q . 2>&1 | grep -v '^WARNING: Location' || true
if [ -f "$shared/corpus/seeds/articles.jsonl" ]; then
  input="$shared/corpus/seeds/articles.jsonl"
else
  input=examples/
fi
"$venv/bin/milcoop" extract "$input" -o "$venv/pred.jsonl"
n=$(wc -l < "$venv/pred.jsonl")
[ "$n" -ge 5 ] || { echo "plain install: extract wrote $n records, expected 5" >&2; exit 1; }
"$venv/bin/pip" install -q '.[postgres]' 2>&1 | grep -v '^WARNING: Location' || true
"$venv/bin/python" -c 'import psycopg' 
echo "plain install: pip install . runs extract ($n records); [postgres] imports psycopg"
