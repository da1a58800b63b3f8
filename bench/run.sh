#!/usr/bin/env bash
# Speed check of the platform slice (not a test: it prints numbers, it does not pass or fail).
# Starts the Release server with the demo data on SQLite, signs in as a county administrator and
# runs wrk on loopback against
#   A. GET /healthz                          (baseline: the transport alone)
#   B. GET /api/users?page_size=20 as yanhu_admin  (authenticated, session lookup, scoped query)
# and prints B/A throughput (target >= 0.4), p99 latency of B at 64 connections (target < 10 ms)
# and the server's idle resident memory (target < 40 MB). Usage: bench/run.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECS="${1:-10}"
BIN="$ROOT/build/zhifa"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
"$BIN" demo --data-dir "$DATA" >/dev/null
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
start_server "$DATA"
RSS_KB="$(awk '/VmRSS/ {print $2}' /proc/$PID/status)"

sign_in yanhu_admin
COOKIE="$SESSION"
TOTAL="$(curl -s -H "Cookie: $COOKIE" "$URL/api/users?page_size=20" | grep -o '"total":[0-9]*')"

run_wrk() {  # url extra-args... -> prints "rps p99_ms"
  local out
  out="$(wrk -t2 -c64 -d"${SECS}s" --latency "$@" 2>&1)"
  local rps p99
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
  local non2xx
  non2xx="$(echo "$out" | awk '/Non-2xx/ {print $NF}')"
  [ -z "$non2xx" ] || echo "warning: $non2xx non-2xx responses" >&2
  echo "$rps $p99"
}

read -r BASE_RPS BASE_P99 < <(run_wrk "$URL/healthz")
read -r LIST_RPS LIST_P99 < <(run_wrk -H "Cookie: $COOKIE" "$URL/api/users?page_size=20")

echo "zhifa bench ($(nproc) cores, wrk -t2 -c64 -d${SECS}s, SQLite, demo data; users list $TOTAL)"
printf '  A /healthz                       %10.0f req/s   p99 %6.2f ms\n' "$BASE_RPS" "$BASE_P99"
printf '  B /api/users (county, scoped)    %10.0f req/s   p99 %6.2f ms\n' "$LIST_RPS" "$LIST_P99"
awk -v b="$BASE_RPS" -v l="$LIST_RPS" 'BEGIN { printf "  ratio B/A                        %10.2f        (target >= 0.40)\n", l / b }'
printf '  p99 of B at 64 connections       %10.2f ms     (target < 10 ms)\n' "$LIST_P99"
awk -v k="$RSS_KB" 'BEGIN { printf "  idle RSS                         %10.1f MB     (target < 40 MB)\n", k / 1024 }'
