#!/usr/bin/env bash
# Speed of publication and of the public decision search (issue "public disclosure"; not a test:
# it prints numbers).
#   1. Publication of queued decisions: build/zhifa_publication_bench publishes 10,000 queued
#      decisions through PublicationService::publish (masking, SM3, search index, ledger; one
#      transaction each) and inserts the same published rows bare; prints both rates and the ratio.
#   2. Public decision search over 1,000,000 published decisions: loads the demo (SQLite, about
#      16,000 published decisions), copies them to 1,000,000 (each copy its own id, decision number
#      and search index entry), starts the Release server with the search rate limit off, and runs
#      wrk -t2 -c64 on loopback against
#        A. GET /healthz                                   (baseline: the transport alone)
#        B. GET /public/api/decisions?q=<word>             (a rotation of Chinese keywords, common
#                                                           and rare, a decision number, a party)
#        C. the same with filters (kind, field, date range) and later pages
#      and prints throughput and p95 latency, and B's and C's as ratios to A's (target >= 0.2).
#      The server keeps recent answers (AnswerCache; valid until a published decision changes), so
#      B and C repeat with the answers not kept (ZHIFA_PORTAL_SEARCH_CACHE_ENTRIES=0: every search
#      runs against the index), printed as B0 and C0.
# Usage: bench/publication.sh [seconds] [decisions]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SECS="${1:-10}"
TARGET="${2:-1000000}"
BIN="$ROOT/build/zhifa"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$ROOT/build/zhifa_publication_bench" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

echo "zhifa publication bench ($(nproc) cores)"
echo "1. publication of queued decisions"
"$ROOT/build/zhifa_publication_bench" "${PUBLISH_N:-10000}" 2 | sed 's/^/  /'

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
"$BIN" demo --data-dir "$DATA" >/dev/null
DB="$(find "$DATA" -name '*.db' | head -1)"
BASE="$(sqlite3 "$DB" 'SELECT MAX(id) FROM publications')"
PUBLISHED="$(sqlite3 "$DB" "SELECT COUNT(*) FROM publications WHERE state = 'published'")"
COPIES=$(( (TARGET + PUBLISHED - 1) / PUBLISHED ))
echo "2. public search: copying $PUBLISHED published decisions to $TARGET (a few minutes)"
START=$(date +%s)
# Copy k = 1..COPIES of every published decision gets id + k * BASE and a decision number of its
# own; its search terms are indexed like a published one's; then trimmed to TARGET.
sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = OFF;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < $COPIES)
INSERT INTO publications (id, case_id, org_id, kind, state, decision_no, decided_on, due_on,
  party_type, field, source, title, public_text, public_sm3, search_terms, search_plain,
  list_item, published_on, published_at, publish_seq, on_time, expires_on, version, created_at,
  updated_at)
SELECT id + n * $BASE, NULL, org_id, kind, state, decision_no || '-' || n, decided_on, due_on,
  party_type, field, source, title, public_text, public_sm3, search_terms, search_plain,
  json_set(list_item, '$.decision_no', decision_no || '-' || n), published_on, published_at,
  publish_seq, on_time, expires_on, version, created_at, updated_at
FROM publications CROSS JOIN k WHERE id <= $BASE AND state = 'published';
DELETE FROM publications WHERE id > $BASE AND id NOT IN
  (SELECT id FROM publications WHERE id > $BASE ORDER BY id LIMIT $TARGET - $PUBLISHED);
INSERT INTO publication_search (rowid, search_terms)
  SELECT id, search_terms FROM publications WHERE id > $BASE;
INSERT INTO publication_search (publication_search) VALUES ('optimize');
ANALYZE;
SQL
TOTAL="$(sqlite3 "$DB" "SELECT COUNT(*) FROM publications WHERE state = 'published'")"
echo "  $TOTAL published decisions, copied and indexed in $(( $(date +%s) - START )) s," \
  "database $(du -m "$DB" | cut -f1) MB"
ORG="$(sqlite3 "$DB" "SELECT id FROM orgs WHERE code = '140800-ZF-SCJG'")"
NUMBER="$(sqlite3 "$DB" "SELECT decision_no FROM publications WHERE state = 'published' AND org_id = $ORG LIMIT 1")"
PARTY="$(sqlite3 "$DB" "SELECT json_extract(public_text, '$.party') FROM publications WHERE state = 'published' AND party_type = 'organisation' LIMIT 1 OFFSET 77")"

ZHIFA_PORTAL_SEARCH_PER_MINUTE=0 start_server "$DATA"
LUA="$DATA/search.lua"
# Each connection walks its own rotation of queries; done() prints the p95.
cat > "$LUA" <<'LUA'
local queries = {}
local i = 0
init = function(args)
  for _, q in ipairs(args) do table.insert(queries, q) end
end
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("  p95 %.2f ms, %.0f req/s, %d errors\n",
    latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
S="/public/api/decisions"
PLAIN=("$S?q=$(enc 食品)" "$S?q=$(enc 罚款)" "$S?q=$(enc 未取得健康证明)" "$S?q=$(enc 露天烧烤)"
  "$S?q=$(enc 农药)" "$S?q=$(enc 超限运输)" "$S?q=$(enc "$NUMBER")" "$S?q=$(enc "$PARTY")"
  "$S?q=$(enc 噪声污染)" "$S?q=$(enc 消防)")
FILTERED=("$S?q=$(enc 食品)&kind=penalty&field=market" "$S?q=$(enc 罚款)&org_id=$ORG"
  "$S?field=urban&from=2026-06-01&to=2026-09-30" "$S?q=$(enc 警告)&page=5"
  "$S?kind=penalty&page=20" "$S?q=$(enc 安全)&field=emergency&page=3")
run() {  # label, then the paths
  local label="$1"; shift
  echo "$label"
  wrk -t2 -c64 -d"${SECS}s" -s "$LUA" "$URL" -- "$@" | grep -E "p95|Non-2xx" | sed 's/^  //;s/^/  /'
}
A="$(run "A. GET /healthz" /healthz)"; echo "$A"
B="$(run "B. keyword search (10 queries; answers kept)" "${PLAIN[@]}")"; echo "$B"
C="$(run "C. filtered search and later pages (6 queries; answers kept)" "${FILTERED[@]}")"; echo "$C"
kill "$PID"; wait "$PID" 2>/dev/null || true
ZHIFA_PORTAL_SEARCH_PER_MINUTE=0 ZHIFA_PORTAL_SEARCH_CACHE_ENTRIES=0 start_server "$DATA"
B0="$(run "B0. keyword search, no answers kept (every search runs)" "${PLAIN[@]}")"; echo "$B0"
C0="$(run "C0. filtered search, no answers kept" "${FILTERED[@]}")"; echo "$C0"
ratio() { python3 - "$A" "$1" <<'PY'
import re, sys
def nums(s):
    m = re.search(r"p95 ([0-9.]+) ms, ([0-9.]+) req/s", s)
    return float(m.group(1)), float(m.group(2))
a, x = nums(sys.argv[1]), nums(sys.argv[2])
print(f"  throughput ratio {x[1] / a[1]:.2f}, p95 ratio (healthz p95 / search p95) {a[0] / x[0]:.2f}")
PY
}
echo "B vs A:"; ratio "$B"
echo "C vs A:"; ratio "$C"
echo "B0 vs A:"; ratio "$B0"
echo "C0 vs A:"; ratio "$C0"
