#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to every test: installs what is missing (PostgreSQL 15
# and Chromium included), builds, then runs
#   1. the C++ unit tests (GoogleTest via CTest), against SQLite and a throwaway PostgreSQL 15 cluster;
#   2. the same unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer;
#   3. the API tests (node:test) against the real server, once on SQLite and once on PostgreSQL;
#   4. the browser tests (Playwright driving Debian's Chromium) against a server with the demo data;
# after checking that the C++ sources are clang-formatted.
# Set SKIP_ASAN=1 or SKIP_E2E=1 to leave a stage out while developing.
source "$(dirname "$0")/lib.sh"
source "$ROOT/scripts/pg.sh"

"$ROOT/scripts/install-deps.sh" --test

log "format check (clang-format, .clang-format)"
(cd "$ROOT" && git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/unit/*.cpp' 'tests/unit/*.hpp' 'bench/*.cpp' |
  xargs clang-format --dry-run --Werror)

"$ROOT/scripts/build.sh" Release

start_pg
trap stop_pg EXIT

export ZHIFA_SOURCE_DIR="$ROOT"
log "unit tests (Release)"
ctest --test-dir "$ROOT/build" --output-on-failure -j "$JOBS"

if [ "${SKIP_ASAN:-0}" != "1" ]; then
  "$ROOT/scripts/build.sh" Asan
  log "unit tests (ASan + UBSan)"
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$ROOT/build-asan" --output-on-failure -j "$JOBS"
fi

export ZHIFA_BIN="$ROOT/build/zhifa"
for backend in sqlite postgres; do
  log "API tests on $backend"
  ZHIFA_BACKEND="$backend" node --test --test-concurrency=1 "$ROOT"/tests/api/*.test.mjs
done

if [ "${SKIP_E2E:-0}" != "1" ]; then
  log "browser tests (Playwright + Chromium)"
  E2E_DATA="$(mktemp -d /tmp/zhifa-e2e.XXXXXX)"
  "$ZHIFA_BIN" demo --data-dir "$E2E_DATA" >/dev/null
  "$ZHIFA_BIN" serve --data-dir "$E2E_DATA" --ui-dir "$ROOT/ui/dist" --port 0 >"$E2E_DATA/server.log" 2>&1 &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null || true; stop_pg; rm -rf "$E2E_DATA"' EXIT
  for _ in $(seq 1 100); do
    PORT="$(grep -o '"port":[0-9]*' "$E2E_DATA/server.log" | head -1 | cut -d: -f2 || true)"
    [ -n "$PORT" ] && break
    sleep 0.1
  done
  ZHIFA_URL="http://127.0.0.1:$PORT" node --test --test-concurrency=1 "$ROOT"/tests/e2e/*.test.mjs
fi
log "all tests passed"
