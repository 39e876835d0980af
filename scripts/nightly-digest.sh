#!/usr/bin/env bash
# The nightly digest, for cron or a systemd timer. It calls the same code as
# `summarizer digest`: only articles not seen before are extracted, and
# OUT/YYYY-MM-DD/digest.md, digest.html and digest.json are written.
#
#   scripts/nightly-digest.sh OUT SOURCE...
#
# SOURCE: files, folders, feeds (.rss/.atom/.xml), .urls lists or http(s) URLs.
# Settings come from the environment or the project's .env (SUMMARIZER_*; see .env.example).
# Silent when everything worked; otherwise one summary line on stderr and exit 1, so cron
# mail says what happened. Exit 2: a usage or configuration error.
set -euo pipefail
if [ "$#" -lt 2 ]; then
  echo "usage: $0 OUT SOURCE..." >&2
  exit 2
fi
project="$(cd "$(dirname "$0")/.." && pwd)"
summarizer="${SUMMARIZER_BIN:-$project/.venv/bin/summarizer}"
out="$1"
shift
exec "$summarizer" digest --quiet --env-file "$project/.env" --out "$out" --input "$@"
