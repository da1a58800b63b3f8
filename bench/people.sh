#!/usr/bin/env bash
# Speed check of the people issue (not a test: it prints numbers, it does not pass or fail).
#   1. The officer import: build/zhifa_import_bench imports a 10,000-row XLSX sheet through the use
#      case and inserts the same rows with a bare loop through the same Db; prints both rates and
#      the ratio (target >= 0.5).
#   2. The officer list with filters on the full demo (8,854 officers) at 16 connections: wrk
#      against GET /api/officers as the administrator (all officers) and as a county
#      administrator, with a field + certificate-state filter and with a name search; prints p99
#      (target < 20 ms) next to /healthz measured in the same run.
# Usage: bench/people.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECS="${1:-10}"
BIN="$ROOT/build/zhifa"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$ROOT/build/zhifa_import_bench" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

"$ROOT/build/zhifa_import_bench" 10000 3

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
"$BIN" demo --data-dir "$DATA" >/dev/null
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
start_server "$DATA"
sign_in admin
ADMIN="$SESSION"
sign_in yongji_admin
COUNTY="$SESSION"

run_wrk() {  # extra-args... url -> prints "rps p99_ms"
  local out rps p99
  out="$(wrk -t2 -c16 -d"${SECS}s" --latency "$@" 2>&1)"
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
  local non2xx
  non2xx="$(echo "$out" | awk '/Non-2xx/ {print $NF}')"
  [ -z "$non2xx" ] || echo "warning: $non2xx non-2xx responses" >&2
  echo "$rps $p99"
}
Q1="/api/officers?page_size=20&field=market&cert_state=issued"
Q2="/api/officers?page_size=20&q=%E7%8E%8B"
total() { curl -s -H "Cookie: $1" "$URL$2" | grep -o '"total":[0-9]*' | cut -d: -f2; }
read -r H_RPS H_P99 < <(run_wrk "$URL/healthz")
read -r A1_RPS A1_P99 < <(run_wrk -H "Cookie: $ADMIN" "$URL$Q1")
read -r A2_RPS A2_P99 < <(run_wrk -H "Cookie: $ADMIN" "$URL$Q2")
read -r C1_RPS C1_P99 < <(run_wrk -H "Cookie: $COUNTY" "$URL$Q1")
read -r C2_RPS C2_P99 < <(run_wrk -H "Cookie: $COUNTY" "$URL$Q2")

echo "officer list bench ($(nproc) cores, wrk -t2 -c16 -d${SECS}s, SQLite, full demo)"
printf '  /healthz                                   %8.0f req/s  p99 %6.2f ms\n' "$H_RPS" "$H_P99"
printf '  admin  field+state (%5s matches)         %8.0f req/s  p99 %6.2f ms\n' "$(total "$ADMIN" "$Q1")" "$A1_RPS" "$A1_P99"
printf '  admin  name contains 王 (%5s matches)    %8.0f req/s  p99 %6.2f ms\n' "$(total "$ADMIN" "$Q2")" "$A2_RPS" "$A2_P99"
printf '  county field+state (%5s matches)         %8.0f req/s  p99 %6.2f ms\n' "$(total "$COUNTY" "$Q1")" "$C1_RPS" "$C1_P99"
printf '  county name contains 王 (%5s matches)    %8.0f req/s  p99 %6.2f ms\n' "$(total "$COUNTY" "$Q2")" "$C2_RPS" "$C2_P99"
echo "  target: p99 < 20 ms at 16 connections"
