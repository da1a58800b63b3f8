#!/usr/bin/env bash
# Speed and memory of evidence uploads and documents (issue "full-process records"; not a test: it
# prints numbers).
#   1. Upload throughput: a 1 GB body-camera file (an MP4 header, then random bytes) sent in one
#      PATCH /api/uploads/{id} over loopback (curl -T streams it), as a ratio to reading and
#      SM3-hashing the same file from disk (openssl dgst -sm3) in the same run. The server hashes
#      SM3 and SHA-256 and writes to disk while it receives (target >= 0.5).
#   2. Server memory: VmRSS sampled every 50 ms during the upload; the growth over the RSS before it
#      (target < 50 MB: the body is never held whole in memory).
#   3. Resumed upload: the same file sent in 64 MB PATCH pieces (each a new request that continues
#      at Upload-Offset), as a ratio to the single PATCH.
#   4. Decision documents (行政处罚决定书): POST /api/cases/{id}/documents one after another for a
#      decided demo case (fill from the case, PDF with cairo + pango, store by hash, ledger event,
#      one transaction each): documents per second.
# Usage: bench/evidence.sh [size_mb] [documents]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/lib.sh"
SIZE_MB="${1:-1024}"
DOCS="${2:-100}"
BIN="$ROOT/build/zhifa"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: scripts/install-deps.sh --test installs it" >&2; exit 2; }
[ -x "$BIN" ] || SKIP_UI=1 "$ROOT/scripts/build.sh" Release

DATA="$(mktemp -d /tmp/zhifa-bench.XXXXXX)"
PID=""
SAMPLER=""
trap '[ -n "$SAMPLER" ] && kill $SAMPLER 2>/dev/null; [ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
echo "zhifa evidence bench ($(nproc) cores, ${SIZE_MB} MB file)"
"$BIN" demo --data-dir "$DATA" >/dev/null
DB="$(find "$DATA" -name '*.db' | head -1)"
CASE="$(sqlite3 "$DB" "SELECT id FROM cases WHERE state = 'investigating' ORDER BY id LIMIT 1")"
DECIDED="$(sqlite3 "$DB" "SELECT id FROM cases WHERE state IN ('decided', 'served', 'executed') AND decision_no IS NOT NULL ORDER BY id LIMIT 1")"

FILE="$DATA/DSJ-0001_20261128.mp4"
printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00' >"$FILE"
head -c $((SIZE_MB * 1024 * 1024 - 16)) /dev/urandom >>"$FILE"
BYTES="$(stat -c %s "$FILE")"
cat "$FILE" >/dev/null  # both runs read from the page cache

now() { date +%s.%N; }
T0="$(now)"
openssl dgst -sm3 "$FILE" >/dev/null
T1="$(now)"
BASE_S="$(echo "$T1 - $T0" | bc -l)"

start_server "$DATA"
sign_in admin
COOKIE="$SESSION"
H=(-H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF")

start_upload() {
  curl -s "${H[@]}" -H 'Content-Type: application/json' -X POST "$URL/api/cases/$CASE/uploads" \
    -d "{\"file_name\":\"$(basename "$FILE")\",\"size\":$BYTES,\"device\":\"DSJ-0001\"}" |
    grep -o '"id":"[0-9a-f]*"' | cut -d'"' -f4
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }

# 1 + 2: one PATCH with the whole file.
ID="$(start_upload)"
RSS0="$(rss_kb)"
(while true; do rss_kb >>"$DATA/rss"; sleep 0.05; done) &
SAMPLER=$!
T0="$(now)"
STATUS="$(curl -s -o "$DATA/upload.json" -w '%{http_code}' "${H[@]}" -H 'Expect:' \
  -H 'Content-Type: application/offset+octet-stream' -H 'Upload-Offset: 0' -X PATCH -T "$FILE" \
  "$URL/api/uploads/$ID")"
T1="$(now)"
kill $SAMPLER; wait $SAMPLER 2>/dev/null || true; SAMPLER=""
[ "$STATUS" = 201 ] || { echo "upload failed: $STATUS $(cat "$DATA/upload.json")" >&2; exit 1; }
UP_S="$(echo "$T1 - $T0" | bc -l)"
RSS_MAX="$(sort -n "$DATA/rss" | tail -1)"
SERVER_SM3="$(grep -o '"sm3":"[0-9a-f]*"' "$DATA/upload.json" | cut -d'"' -f4)"
LOCAL_SM3="$(openssl dgst -sm3 "$FILE" | awk '{print $NF}')"
[ "$SERVER_SM3" = "$LOCAL_SM3" ] || { echo "SM3 differs: server $SERVER_SM3, file $LOCAL_SM3" >&2; exit 1; }

# 3: the same bytes again in 64 MB pieces (a new upload: equal content is stored once).
ID="$(start_upload)"
PIECE=$((64 * 1024 * 1024))
T0="$(now)"
OFF=0
while [ "$OFF" -lt "$BYTES" ]; do
  N=$(( BYTES - OFF < PIECE ? BYTES - OFF : PIECE ))
  dd if="$FILE" bs=1M skip=$((OFF / 1048576)) count=$((N / 1048576)) status=none |
    curl -s -o /dev/null "${H[@]}" -H 'Expect:' -H 'Content-Type: application/offset+octet-stream' \
      -H "Upload-Offset: $OFF" -X PATCH --data-binary @- "$URL/api/uploads/$ID"
  OFF=$((OFF + N))
done
T1="$(now)"
PIECES_S="$(echo "$T1 - $T0" | bc -l)"

echo "1. upload of $BYTES bytes over loopback"
awk -v b="$BYTES" -v base="$BASE_S" -v up="$UP_S" 'BEGIN {
  printf "  read + SM3 from disk (openssl dgst -sm3) %8.1f MB/s  (%.2f s)\n", b / 1048576 / base, base
  printf "  PATCH upload (SM3 + SHA-256 + write)     %8.1f MB/s  (%.2f s)\n", b / 1048576 / up, up
  printf "  ratio upload / baseline: %.2f (target >= 0.5)\n", base / up }'
echo "2. server memory during the upload"
awk -v a="$RSS0" -v m="$RSS_MAX" 'BEGIN {
  printf "  VmRSS before %.1f MB, peak %.1f MB: growth %.1f MB (target < 50 MB)\n", a / 1024, m / 1024, (m - a) / 1024 }'
echo "3. the same file in 64 MB resumed pieces"
awk -v b="$BYTES" -v p="$PIECES_S" -v up="$UP_S" 'BEGIN {
  printf "  %8.1f MB/s (%.2f s), ratio to one PATCH %.2f\n", b / 1048576 / p, p, up / p }'

# 4: decision documents.
if [ -n "$DECIDED" ]; then
  T0="$(now)"
  for _ in $(seq 1 "$DOCS"); do
    curl -s -o /dev/null -w '%{http_code}\n' "${H[@]}" -H 'Content-Type: application/json' -X POST \
      "$URL/api/cases/$DECIDED/documents" -d '{"template":"decision"}'
  done | sort | uniq -c | awk '$2 != 201 {print "  warning: " $1 " answers " $2 > "/dev/stderr"}'
  T1="$(now)"
  awk -v n="$DOCS" -v s="$(echo "$T1 - $T0" | bc -l)" 'BEGIN {
    printf "4. decision documents: %d in %.2f s = %.1f documents/s (one client)\n", n, s, n / s }'
fi
kill $PID; wait $PID 2>/dev/null || true; PID=""
