#!/bin/sh
# Installs what a checkout needs before `npm run demo` or `npm test`, and only
# what is missing: Debian's SpatiaLite module (and, with --with-browser, what
# the tests need: Chromium for the browser tests; pebble, its DNS server, openssl
# and curl for the HTTPS tests), then the npm packages. Safe to run again.
set -eu
cd "$(dirname "$0")/.."

want_browser=no
[ "${1:-}" = "--with-browser" ] && want_browser=yes

missing=""
spatialite_present() {
  for dir in /usr/lib/*-linux-gnu /usr/lib /usr/local/lib; do
    [ -e "$dir/mod_spatialite.so" ] && return 0
  done
  return 1
}
spatialite_present || missing="libsqlite3-mod-spatialite"
if [ "$want_browser" = yes ] && ! command -v chromium >/dev/null 2>&1; then
  missing="$missing chromium"
fi
# test/https/ runs Debian's ACME test server (pebble, with pebble-challtestsrv) on loopback.
if [ "$want_browser" = yes ]; then
  command -v pebble >/dev/null 2>&1 && command -v pebble-challtestsrv >/dev/null 2>&1 || missing="$missing pebble"
  command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
  command -v curl >/dev/null 2>&1 || missing="$missing curl"
fi

if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
  else
    echo "Marketcross needs Debian packages that are not installed:$missing" >&2
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
  fi
  echo "Installing Debian packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (better-sqlite3 compiles from source: a few minutes the first time)"
  npm ci --no-audit --no-fund
fi
