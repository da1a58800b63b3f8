#!/usr/bin/env bash
# Speed of the public catalogue search (issue "catalogue and benchmarks"; not a test: it prints
# numbers). Loads the demo (SQLite), grows the catalogue to 100,000 matters by copying the demo's
# matters under new codes (same holders, same citations, numbered names), starts the Release server
# and runs wrk on loopback against
#   A. GET /healthz                                              (baseline: the transport alone)
#   B. GET /public/api/matters?q=<common word>&page_size=20       (a search with many hits)
#   C. GET /public/api/matters?q=<rare word>&county=<a county>    (a narrow search)
# and prints throughput, p95 latency (wrk's latency distribution via a Lua hook) and B/A, C/A.
# Also runs the discretion benchmark on the demo's benchmark set (calls per second on one core).
# Usage: bench/catalogue.sh [seconds] [matters]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECS="${1:-10}"
TARGET="${2:-100000}"
BIN="$ROOT/build/zhifa"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
LUA="$DATA/p95.lua"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
"$BIN" demo --without-people --data-dir "$DATA" >/dev/null
DB="$(find "$DATA" -name '*.db' | head -1)"
BASE="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM matters')"
COPIES=$(( (TARGET - BASE + BASE - 1) / BASE ))
# Copies k = 1..COPIES of every demo matter (version 1, in force), then trimmed to TARGET.
sqlite3 "$DB" <<SQL
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $COPIES)
INSERT INTO matters (org_id, county_id, code, name, matter_type, field, level, list_kind,
  township_kind, basis, effective_from, effective_until, status, sample, search,
  version, created_at, created_by, updated_at, updated_by)
SELECT org_id, county_id, code || '-B' || n, name || '(第' || n || '批)', matter_type, field, level,
  list_kind, township_kind, basis, effective_from, effective_until, status, sample,
  search || ' 第' || n || '批', version, created_at, created_by, updated_at, updated_by
FROM matters CROSS JOIN k WHERE code NOT LIKE '%-B%';
DELETE FROM matters WHERE id > $TARGET;
INSERT INTO matter_texts (matter_id, flow, guide)
SELECT m.id, t.flow, t.guide FROM matters m
JOIN matters src ON src.org_id = m.org_id AND m.code LIKE src.code || '-B%' AND src.code NOT LIKE '%-B%'
JOIN matter_texts t ON t.matter_id = src.id;
ANALYZE;
SQL
TOTAL="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM matters')"

cat >"$LUA" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95_MS %.3f\n", latency:percentile(95) / 1000))
end
LUA

start_server "$DATA"
COMMON="$(printf '%s' '罚' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
RARE="$(printf '%s' '烟花爆竹' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
B_URL="$URL/public/api/matters?q=$COMMON&page_size=20"
C_URL="$URL/public/api/matters?q=$RARE&county=140881&page_size=20"
B_HITS="$(curl -s "$B_URL" | grep -o '"total":[0-9]*' | cut -d: -f2)"
C_HITS="$(curl -s "$C_URL" | grep -o '"total":[0-9]*' | cut -d: -f2)"

run_wrk() {  # url -> prints "rps p95_ms"
  local out rps p95
  out="$(wrk -t2 -c4 -d"${SECS}s" -s "$LUA" "$1" 2>&1)"
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p95="$(echo "$out" | awk '/^P95_MS/ {print $2}')"
  [ -z "$(echo "$out" | awk '/Non-2xx/')" ] || echo "warning: non-2xx responses for $1" >&2
  echo "$rps $p95"
}
read -r A_RPS A_P95 < <(run_wrk "$URL/healthz")
read -r B_RPS B_P95 < <(run_wrk "$B_URL")
read -r C_RPS C_P95 < <(run_wrk "$C_URL")

echo "zhifa catalogue bench ($(nproc) cores, wrk -t2 -c4 -d${SECS}s, SQLite, $TOTAL matters)"
printf '  A /healthz                              %9.0f req/s   p95 %8.2f ms\n' "$A_RPS" "$A_P95"
printf '  B search "罚" (%6s hits)             %9.0f req/s   p95 %8.2f ms\n' "$B_HITS" "$B_RPS" "$B_P95"
printf '  C search "烟花爆竹" in a county (%4s hits) %6.0f req/s   p95 %8.2f ms\n' "$C_HITS" "$C_RPS" "$C_P95"
awk -v a="$A_RPS" -v b="$B_RPS" -v c="$C_RPS" -v ap="$A_P95" -v bp="$B_P95" -v cp="$C_P95" 'BEGIN {
  printf "  throughput B/A %.4f   C/A %.4f\n", b / a, c / a
  printf "  p95 B/A %.1f x   C/A %.1f x\n", bp / ap, cp / ap }'
kill $PID; wait $PID 2>/dev/null || true; PID=""

BENCH="$ROOT/build/zhifa_bench"
if [ -x "$BENCH" ]; then
  "$BENCH" --benchmark_filter='Discretion' --benchmark_min_time=1 2>/dev/null |
    awk '/^BM_/ {print "  " $0}'
fi
