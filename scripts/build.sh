#!/usr/bin/env bash
# Builds the server (Release, or the type given as $1) into build/ (build-<type> for others) and
# the web UI into ui/dist. Usage: scripts/build.sh [Release|Debug|Asan]
source "$(dirname "$0")/lib.sh"
TYPE="${1:-Release}"
case "$TYPE" in
  Release) DIR="$ROOT/build"; FLAGS=(-DCMAKE_BUILD_TYPE=Release) ;;
  Debug) DIR="$ROOT/build-debug"; FLAGS=(-DCMAKE_BUILD_TYPE=Debug) ;;
  Asan) DIR="$ROOT/build-asan"; FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DZHIFA_SANITIZE=ON) ;;
  *) echo "unknown build type $TYPE" >&2; exit 2 ;;
esac
log "cmake build ($TYPE) in ${DIR#$ROOT/}"
cmake -S "$ROOT" -B "$DIR" -G Ninja "${FLAGS[@]}" -DZHIFA_BENCH=ON >/dev/null
ninja -C "$DIR" -j "$JOBS"
if [ "$TYPE" = "Release" ] && [ "${SKIP_UI:-0}" != "1" ]; then
  if [ ! -f "$ROOT/ui/dist/index.html" ] || [ -n "$(find "$ROOT/ui/src" "$ROOT/ui/index.html" "$ROOT/ui/package-lock.json" -newer "$ROOT/ui/dist/index.html" -print -quit)" ]; then
    log "building the web UI"
    (cd "$ROOT/ui" && npm run build --silent)
  fi
fi
