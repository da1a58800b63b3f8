#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Zhifa: installs what is missing, builds the
# server and the UI, loads the Yuncheng demo data into an embedded SQLite database in var/data and
# serves http://127.0.0.1:8080 (set PORT to change it). Stop with Ctrl-C.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh" Release
DATA="${ZHIFA_DATA_DIR:-$ROOT/var/data}"
"$ROOT/build/zhifa" demo --data-dir "$DATA"
log "Zhifa: http://127.0.0.1:${PORT:-8080}  (Ctrl-C stops)"
exec "$ROOT/build/zhifa" serve --data-dir "$DATA" --ui-dir "$ROOT/ui/dist" --port "${PORT:-8080}"
