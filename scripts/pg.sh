# Throwaway PostgreSQL 15 cluster on loopback for the tests. Sourced by scripts/test.sh.
# start_pg sets ZHIFA_TEST_PG_URL (a superuser URL to database "postgres"); stop_pg removes it all.
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port found" >&2; return 1
}

run_pg() {
  # PostgreSQL refuses to run as root: as root, run it as the postgres system user.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pg() {
  PG_TMP="$(mktemp -d /tmp/zhifa-pg.XXXXXX)"
  chmod 755 "$PG_TMP"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TMP"
  PG_PORT="$(free_port)"
  run_pg "$PGBIN/initdb" -D "$PG_TMP/data" -U zhifa --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log"
  run_pg "$PGBIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" \
    start >/dev/null
  export ZHIFA_TEST_PG_URL="postgresql://zhifa@127.0.0.1:$PG_PORT/postgres"
  log "PostgreSQL 15 test cluster on 127.0.0.1:$PG_PORT"
}

stop_pg() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
