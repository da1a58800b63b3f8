#!/usr/bin/env bash
# Installs what is missing on a Debian 12 machine: the C++ toolchain and libraries, PostgreSQL 15 and
# Chromium (for the tests), Node.js, and the npm packages of the UI and the browser tests from their
# committed lockfiles. Installs nothing that is already there. Usage: scripts/install-deps.sh [--test]
source "$(dirname "$0")/lib.sh"

PACKAGES=(build-essential cmake ninja-build ccache pkg-config git
  libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libssl-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libgoogle-perftools-dev
  libxlsxwriter-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 postgresql-client-15 chromium
    wrk procps curl clang-format sqlite3 poppler-utils)
fi
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm_install() {  # dir: install from the lockfile unless node_modules matches it already
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install "$ROOT/ui"
if [ "${1:-}" = "--test" ]; then npm_install "$ROOT/tests/e2e"; fi
