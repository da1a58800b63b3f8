# Shared by the bench scripts (sourced; they set BIN first).
#   start_server DATA_DIR  starts "$BIN serve" on a free port with that data directory and waits for
#                          it: sets PID (for the script's trap) and URL.
#   sign_in USER           signs in with the demo password: sets SESSION ("zhifa_session=...") and
#                          CSRF; stops the script when the sign-in is refused.

start_server() {
  local port=""
  "$BIN" serve --data-dir "$1" --port 0 >"$1/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do
    port="$(grep -o '"port":[0-9]*' "$1/server.log" | head -1 | cut -d: -f2 || true)"
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "the server did not start: $(tail -3 "$1/server.log")" >&2; exit 1; }
  URL="http://127.0.0.1:$port"
  sleep 0.5
}

sign_in() {
  local answer
  answer="$(curl -s -D - -X POST "$URL/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Zhifa@2026!\"}")"
  SESSION="$(echo "$answer" | grep -io 'zhifa_session=[0-9a-f]*' | head -1)"
  CSRF="$(echo "$answer" | grep -o '"csrf_token":"[0-9a-f]*"' | cut -d'"' -f4)"
  [ -n "$SESSION" ] || { echo "sign-in failed ($1)" >&2; exit 1; }
}
