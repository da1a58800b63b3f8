#!/usr/bin/env bash
# Speed of penalty cases (issue "penalty cases"; not a test: it prints numbers).
#   1. Case step throughput: build/zhifa_case_step_bench files fresh leads through the use case
#      (rules, case row, step row, ledger event; one durable transaction each) and commits the same
#      rows bare; prints both rates and the ratio (target >= 0.3).
#   2. The case list at 1,000,000 cases: loads the demo (SQLite, 21,000 cases), copies its cases
#      (with their officers) to 1,000,000, starts the Release server, signs in as the administrator
#      and runs wrk -t2 -c16 --latency on loopback against
#        A. GET /healthz                                            (baseline: the transport alone)
#        B. GET /api/cases?state=archived                           (a filter matching most cases)
#        C. GET /api/cases?org_id=<city market team>&state=served   (a body's cases in one state)
#        D. GET /api/cases?officer_id=<an officer>                  (one officer's cases)
#        E. GET /api/cases?state=pending_decision&due_before=<date> (due soon)
#      and prints throughput, p99 latency and each list's p99 as a ratio to A's.
#   3. The rule functions: evaluations per second on one core (zhifa_bench, CaseRules).
# Usage: bench/cases.sh [seconds] [cases]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECS="${1:-10}"
TARGET="${2:-1000000}"
BIN="$ROOT/build/zhifa"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$ROOT/build/zhifa_case_step_bench" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

echo "zhifa case bench ($(nproc) cores)"
echo "1. case step throughput"
"$ROOT/build/zhifa_case_step_bench" 1000 3 | sed 's/^/  /'

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
"$BIN" demo --data-dir "$DATA" >/dev/null
DB="$(find "$DATA" -name '*.db' | head -1)"
BASE="$(sqlite3 "$DB" 'SELECT MAX(id) FROM cases')"
COPIES=$(( (TARGET + BASE - 1) / BASE - 1 ))
# Copy k = 1..COPIES of every demo case gets id + k * BASE (so its officers follow arithmetically)
# and a decision number of its own; then trimmed to TARGET.
sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = OFF;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $COPIES)
INSERT INTO cases (id, org_id, procedure, state, suspended_from, source, summary, party_name,
  party_type, field, matter_id, act_date, act_end, discovered, grave_harm, penalty, noticed_penalty,
  review_required, review_passed, filed_on, decision_due, decision_no, decided_on, service_due,
  served_on, payment_due, version, created_at, created_by, updated_at, updated_by, extension_days)
SELECT id + n * $BASE, org_id, procedure, state, suspended_from, source, summary, party_name,
  party_type, field, matter_id, act_date, act_end, discovered, grave_harm, penalty, noticed_penalty,
  review_required, review_passed, filed_on, decision_due, decision_no || '-' || n, decided_on,
  service_due, served_on, payment_due, version, created_at, created_by, updated_at, updated_by, 0
FROM cases CROSS JOIN k WHERE id <= $BASE;
DELETE FROM cases WHERE id > $TARGET;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $COPIES)
INSERT INTO case_officers (case_id, officer_id)
SELECT case_id + n * $BASE, officer_id FROM case_officers CROSS JOIN k
WHERE case_id <= $BASE AND case_id + n * $BASE <= $TARGET;
ANALYZE;
SQL
TOTAL="$(sqlite3 "$DB" 'SELECT COUNT(*) FROM cases')"
ORG="$(sqlite3 "$DB" "SELECT id FROM orgs WHERE code = '140800-ZF-SCJG'")"
OFFICER="$(sqlite3 "$DB" "SELECT officer_id FROM case_officers GROUP BY officer_id ORDER BY COUNT(*) DESC LIMIT 1")"
DUE="$(date -u -d '+14 days' +%F)"

start_server "$DATA"
sign_in admin
COOKIE="$SESSION"

run_wrk() {  # url [cookie] -> prints "rps p99_ms"
  local out rps p99
  if [ -n "${2:-}" ]; then
    out="$(wrk -t2 -c16 -d"${SECS}s" --latency -H "Cookie: $2" "$1" 2>&1)"
  else
    out="$(wrk -t2 -c16 -d"${SECS}s" --latency "$1" 2>&1)"
  fi
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
  [ -z "$(echo "$out" | awk '/Non-2xx/')" ] || echo "warning: non-2xx responses for $1" >&2
  echo "$rps $p99"
}
hits() {  # the list's total; "100000+" when the server stopped counting
  local body total
  body="$(curl -s -H "Cookie: $COOKIE" "$1")"
  total="$(echo "$body" | grep -o '"total":[0-9]*' | cut -d: -f2)"
  if echo "$body" | grep -q '"total_capped":true'; then echo "${total}+"; else echo "$total"; fi
}
B_URL="$URL/api/cases?state=archived&page_size=20"
C_URL="$URL/api/cases?org_id=$ORG&state=served&page_size=20"
D_URL="$URL/api/cases?officer_id=$OFFICER&page_size=20"
E_URL="$URL/api/cases?state=pending_decision&due_before=$DUE&page_size=20"
read -r A_RPS A_P99 < <(run_wrk "$URL/healthz")
read -r B_RPS B_P99 < <(run_wrk "$B_URL" "$COOKIE")
read -r C_RPS C_P99 < <(run_wrk "$C_URL" "$COOKIE")
read -r D_RPS D_P99 < <(run_wrk "$D_URL" "$COOKIE")
read -r E_RPS E_P99 < <(run_wrk "$E_URL" "$COOKIE")
echo "2. case list at $TOTAL cases (wrk -t2 -c16 -d${SECS}s, SQLite)"
printf '  A /healthz                                   %8.0f req/s   p99 %8.2f ms\n' "$A_RPS" "$A_P99"
printf '  B state=archived            (%7s hits) %8.0f req/s   p99 %8.2f ms\n' "$(hits "$B_URL")" "$B_RPS" "$B_P99"
printf '  C one body, served          (%7s hits) %8.0f req/s   p99 %8.2f ms\n' "$(hits "$C_URL")" "$C_RPS" "$C_P99"
printf '  D one officer               (%7s hits) %8.0f req/s   p99 %8.2f ms\n' "$(hits "$D_URL")" "$D_RPS" "$D_P99"
printf '  E pending, due by %s (%7s hits) %5.0f req/s   p99 %8.2f ms\n' "$DUE" "$(hits "$E_URL")" "$E_RPS" "$E_P99"
awk -v a="$A_P99" -v b="$B_P99" -v c="$C_P99" -v d="$D_P99" -v e="$E_P99" 'BEGIN {
  printf "  p99 ratio to /healthz: B %.1f x   C %.1f x   D %.1f x   E %.1f x\n", b / a, c / a, d / a, e / a }'
kill $PID; wait $PID 2>/dev/null || true; PID=""

BENCH="$ROOT/build/zhifa_bench"
if [ -x "$BENCH" ]; then
  echo "3. rule functions (one core)"
  "$BENCH" --benchmark_filter='CaseRules' --benchmark_min_time=1 2>/dev/null | awk '/^BM_/ {print "  " $0}'
fi
