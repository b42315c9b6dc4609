#!/usr/bin/env bash
# Turns a fresh 64-bit Raspberry Pi OS Lite or Debian 12+ machine (arm64 or
# amd64) into a Marketcross box, with the Marketcross this script came with.
# Run it again with a newer Marketcross to upgrade in place (through
# "marketcross upgrade", which backs up first and goes back if anything
# fails); run it again with the same one and it changes nothing.
#
# With --target-root DIR it writes the same files into an image tree (say, a
# Raspberry Pi OS image's root, mounted) and touches nothing on this machine.
#
# The volunteer's guide is provisioning/README.md; --help lists the options.
set -euo pipefail
umask 022
export LC_ALL=C

# The Node.js LTS line this version of Marketcross runs on. The app's native
# modules (better-sqlite3) are built for one line, so a new line comes with a
# new Marketcross release rather than by itself.
readonly NODE_MAJOR=24
readonly NODE_DIST=https://nodejs.org/dist
readonly SERVICE=marketcross
readonly INSTALL_DIR=/opt/marketcross
readonly DATA_DIR=/var/lib/marketcross
readonly ENV_FILE=/etc/marketcross/marketcross.env
# What the box runs with, and what installing the app needs (a compiler, for
# when better-sqlite3 has no prebuilt binary for this Node.js and machine).
readonly RUNTIME_PACKAGES=(libsqlite3-mod-spatialite avahi-daemon)
readonly INSTALL_PACKAGES=(ca-certificates curl xz-utils g++ make python3)

SOURCE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly SOURCE ARGS="$*"

usage() {
  cat <<EOF
Usage: sudo $0 [options]

Turns this machine (64-bit Raspberry Pi OS Lite or Debian 12+, arm64 or
amd64) into a Marketcross box: installs Node.js $NODE_MAJOR (LTS), SpatiaLite and
avahi; creates the system user "$SERVICE" and the data folder $DATA_DIR;
installs this Marketcross into $INSTALL_DIR; installs and starts the service;
prints the box's address, a QR code of it and the one-time setup code.

Run it again with a newer Marketcross to upgrade (a backup is taken first,
and the box goes back to the old version if anything fails). Run it again
with the same one and nothing changes.

Options:
  --target-root DIR        write everything into DIR, an image tree (such as a
                           mounted Raspberry Pi OS image), not onto this machine
  --arch amd64|arm64       the machine the tree is for (default: this one's)
  --node-tarball FILE      install Node.js from FILE, a nodejs.org tarball
                           (node-v$NODE_MAJOR.x.y-linux-arm64.tar.xz), instead of downloading it
  --node-modules-from DIR  copy the npm packages from DIR (a node_modules built
                           for the same machine type and Node.js line) instead
                           of running npm ci, which compiles for minutes
  -h, --help               this help

Exit codes: 0 done, 1 failed (the message says what to do), 2 wrong usage.
EOF
}

say() { printf '%s\n' "$*"; }
# Warnings are gathered and shown at the end, where they are read.
warn() { WARNINGS+=("$*"); }
die() { printf 'provision.sh: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'provision.sh: %s\nRun "%s --help" for usage.\n' "$*" "$0" >&2; exit 2; }

WARNINGS=()
CHANGED=()
ROOT=""
ARCH=""
NODE_TARBALL=""
NODE_MODULES_FROM=""

# --- Options --------------------------------------------------------------

while [ $# -gt 0 ]; do
  case "$1" in
    --target-root | --arch | --node-tarball | --node-modules-from)
      if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a value."; fi
      case "$1" in
        --target-root) ROOT=$2 ;;
        --arch) ARCH=$2 ;;
        --node-tarball) NODE_TARBALL=$2 ;;
        --node-modules-from) NODE_MODULES_FROM=$2 ;;
      esac
      shift 2 ;;
    --target-root=* | --arch=* | --node-tarball=* | --node-modules-from=*)
      set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "Unknown option: $1" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "Run it as root: sudo $0 $ARGS"
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || usage_error "--target-root: there is no folder $ROOT (make it, or mount the image there, first)."
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" != / ] || usage_error "--target-root / is this machine: leave the option out to install here."
fi
STAGING=$([ -n "$ROOT" ] && echo yes || echo no)
readonly ROOT STAGING
if [ -n "$NODE_TARBALL" ]; then
  [ -f "$NODE_TARBALL" ] || usage_error "--node-tarball: there is no file $NODE_TARBALL."
  NODE_TARBALL=$(cd "$(dirname "$NODE_TARBALL")" && pwd)/$(basename "$NODE_TARBALL")
fi
if [ -n "$NODE_MODULES_FROM" ]; then
  [ -d "$NODE_MODULES_FROM" ] || usage_error "--node-modules-from: there is no folder $NODE_MODULES_FROM."
  NODE_MODULES_FROM=$(cd "$NODE_MODULES_FROM" && pwd)
fi
case "$ARCH" in
  "" | amd64 | arm64) ;;
  *) usage_error "--arch must be amd64 or arm64 (Marketcross needs a 64-bit system), not $ARCH." ;;
esac

command -v dpkg >/dev/null || die "This is not a Debian system (there is no dpkg). Marketcross boxes run Raspberry Pi OS or Debian 12 or later."
HOST_ARCH=$(dpkg --print-architecture)
if [ "$STAGING" = no ]; then
  [ -z "$ARCH" ] || [ "$ARCH" = "$HOST_ARCH" ] || usage_error "--arch $ARCH: this machine is $HOST_ARCH; --arch is for image trees (--target-root)."
  [ -d /run/systemd/system ] || die "This machine does not run systemd, so it cannot run the box's service. Build an image tree with --target-root instead."
fi
ARCH=${ARCH:-$HOST_ARCH}
case "$ARCH" in
  amd64) NODE_ARCH=x64 ELF_MACHINE=62 ;;
  arm64) NODE_ARCH=arm64 ELF_MACHINE=183 ;;
  *) die "This is a $ARCH system; Marketcross needs a 64-bit one (arm64 or amd64). On a Raspberry Pi, flash Raspberry Pi OS Lite (64-bit)." ;;
esac
case "$HOST_ARCH" in amd64) HOST_NODE_ARCH=x64 ;; *) HOST_NODE_ARCH=$HOST_ARCH ;; esac
readonly ARCH NODE_ARCH ELF_MACHINE HOST_NODE_ARCH

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ "$STAGING" = yes ]; then
  # npm keeps its cache and logs in root's home; building an image must not leave them on this machine.
  export npm_config_cache="$WORK/npm-cache" npm_config_logs_dir="$WORK/npm-logs"
fi
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# --- Helpers ----------------------------------------------------------------

# Points LINK at TARGET (relative), atomically: a new link renamed over the old one.
point_link() {
  local link=$1 target=$2
  [ "$(readlink "$link" 2>/dev/null || true)" = "$target" ] && return 0
  ln -sfn "$target" "$link.new"
  mv -Tf "$link.new" "$link"
  CHANGED+=("${link#"$ROOT"} -> $target")
}

# Installs SRC as DEST (a path on the box) with MODE, owned by root, unless it is already exactly that.
put_file() {
  local src=$1 dest=$ROOT$2 mode=$3
  if [ -f "$dest" ] && cmp -s "$src" "$dest" && [ "$(stat -c '%a %u %g' "$dest")" = "$mode 0 0" ]; then return 0; fi
  mkdir -p "$(dirname "$dest")"
  install -m "$mode" -o 0 -g 0 "$src" "$dest.new"
  mv -f "$dest.new" "$dest"
  CHANGED+=("$2")
}

# Settings: installed once; a volunteer's changes to them are theirs to keep.
put_file_once() {
  [ -e "$ROOT$2" ] || put_file "$@"
}

# The kind of machine an ELF file is for (62 x86-64, 183 aarch64), or nothing when it is not one.
elf_machine() {
  [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ] || return 0
  od -An -t u2 -j 18 -N 2 "$1" | tr -d ' '
}

# Runs a command with the Node.js (and npm) the box will run with, or this machine's for another kind of machine.
with_node() {
  if [ -n "${TOOLS_PATH:-}" ]; then PATH="$TOOLS_PATH:$PATH" "$@"; else "$@"; fi
}

# The lock (fd 9, below) is this script's alone: nothing it starts, the service least of all, may hold it after it ends.
systemctl() { command systemctl "$@" 9<&-; }
box_command() { /usr/local/bin/marketcross "$@" 9<&-; }

# One value from an os-release file (a shell fragment, read in a subshell).
os_release_value() {
  # shellcheck source=/dev/null
  (. "$1" && printf '%s' "${!2:-}")
}

# --- 1. The system ------------------------------------------------------------

check_system() {
  local file=$ROOT/etc/os-release id version id_like
  if [ ! -r "$file" ]; then
    [ "$STAGING" = yes ] || die "This machine has no /etc/os-release: it is not the Debian or Raspberry Pi OS Marketcross needs."
    warn "The tree has no etc/os-release, so its system cannot be checked: it must be 64-bit Raspberry Pi OS Lite or Debian 12 or later."
    return 0
  fi
  id=$(os_release_value "$file" ID)
  version=$(os_release_value "$file" VERSION_ID)
  id_like=$(os_release_value "$file" ID_LIKE)
  case "$id" in
    debian | raspbian)
      [ "${version%%.*}" -ge 12 ] 2>/dev/null || die "This is $id ${version:-(no version)}; Marketcross needs Debian 12 (bookworm) or later, or the Raspberry Pi OS built on it." ;;
    *)
      case " $id_like " in
        *" debian "*) warn "This is $id, which is built on Debian but not tested with Marketcross; carrying on." ;;
        *) die "This is $id; Marketcross needs Debian 12 or later, or Raspberry Pi OS." ;;
      esac ;;
  esac
}

package_installed() {
  if [ "$STAGING" = yes ]; then
    awk -v p="$1" '$1 == "Package:" { name = $2 } $1 == "Status:" && name == p && /install ok installed/ { found = 1 } END { exit !found }' "$ROOT/var/lib/dpkg/status"
  else
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
  fi
}

install_packages() {
  local missing=() package
  if [ "$STAGING" = yes ]; then
    # Installing packages into another machine's tree needs its own apt (in a chroot): the image builder's step.
    if [ ! -f "$ROOT/var/lib/dpkg/status" ]; then
      warn "The tree has no Debian package list: the image must also have ${RUNTIME_PACKAGES[*]} installed."
      return 0
    fi
    for package in "${RUNTIME_PACKAGES[@]}"; do package_installed "$package" || missing+=("$package"); done
    [ ${#missing[@]} -eq 0 ] || warn "The tree lacks ${missing[*]}: install them in it (sudo chroot $ROOT apt-get install -y ${missing[*]}; for another kind of machine, with qemu-user-static), or the box will not work."
    return 0
  fi
  for package in "${RUNTIME_PACKAGES[@]}" "${INSTALL_PACKAGES[@]}"; do package_installed "$package" || missing+=("$package"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages: all there."
    return 0
  fi
  say "Installing Debian packages: ${missing[*]}"
  apt-get update -q || die "apt-get update failed: is the machine connected to the internet?"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || die "Installing ${missing[*]} failed (see above)."
  CHANGED+=("Debian packages: ${missing[*]}")
}

# --- 2. Node.js -----------------------------------------------------------------

install_node() {
  local name tarball sums line major node_arch dir
  if [ -n "$NODE_TARBALL" ]; then
    tarball=$NODE_TARBALL
    name=$(basename "$tarball")
    name=${name%.tar*}
    [[ $name =~ ^node-v([0-9]+)\.([0-9]+)\.[0-9]+-linux-(x64|arm64)$ ]] || die "--node-tarball: $tarball is not named like a Node.js tarball from nodejs.org (such as node-v$NODE_MAJOR.11.0-linux-arm64.tar.xz)."
    major=${BASH_REMATCH[1]}
    node_arch=${BASH_REMATCH[3]}
    [ "$node_arch" = "$NODE_ARCH" ] || die "--node-tarball: $tarball is for $node_arch machines; this box is $NODE_ARCH."
    if [ "$major" -lt 20 ] || { [ "$major" = 20 ] && [ "${BASH_REMATCH[2]}" -lt 19 ]; }; then die "--node-tarball: Marketcross needs Node.js 20.19 or later, not $name."; fi
    [ "$major" = "$NODE_MAJOR" ] || warn "$name is not the Node.js $NODE_MAJOR LTS line this Marketcross ships with; using it as asked."
  else
    sums=$(curl -fsSL --retry 3 "$NODE_DIST/latest-v$NODE_MAJOR.x/SHASUMS256.txt") || die "Could not reach $NODE_DIST to download Node.js. Connect the machine to the internet, or download node-v$NODE_MAJOR.*-linux-$NODE_ARCH.tar.xz elsewhere and pass it with --node-tarball FILE."
    line=$(printf '%s\n' "$sums" | grep -E "  node-v$NODE_MAJOR\.[0-9]+\.[0-9]+-linux-$NODE_ARCH\.tar\.xz$" | head -n 1) || die "nodejs.org lists no Node.js $NODE_MAJOR for linux-$NODE_ARCH."
    name=${line##* }
    name=${name%.tar.xz}
  fi
  dir=$ROOT$INSTALL_DIR/$name
  mkdir -p "$ROOT$INSTALL_DIR"
  if [ -x "$dir/bin/node" ]; then
    say "Node.js: $name is installed."
  else
    if [ -z "$NODE_TARBALL" ]; then
      say "Downloading Node.js ($name)"
      tarball=$WORK/$name.tar.xz
      curl -fsSL --retry 3 -o "$tarball" "$NODE_DIST/${name%%-linux-*}/$name.tar.xz" || die "Downloading $name failed; try again, or use --node-tarball FILE."
      printf '%s\n' "${line%% *}  $tarball" | sha256sum -c --quiet - || die "The downloaded $name does not match its published checksum; try again."
    fi
    say "Installing Node.js ($name)"
    rm -rf "$dir.partial"
    mkdir -p "$dir.partial"
    tar -xf "$tarball" -C "$dir.partial" --strip-components=1 --no-same-owner || die "$tarball could not be unpacked."
    [ -x "$dir.partial/bin/node" ] || die "$tarball has no bin/node: it is not a Node.js tarball from nodejs.org."
    [ "$(elf_machine "$dir.partial/bin/node")" = "$ELF_MACHINE" ] || die "$tarball holds a Node.js for another kind of machine than $ARCH."
    chmod -R u+rwX,go+rX,go-w "$dir.partial"
    mv "$dir.partial" "$dir"
    CHANGED+=("$INSTALL_DIR/$name")
  fi
  if [ "$NODE_ARCH" = "$HOST_NODE_ARCH" ]; then
    "$dir/bin/node" --version >/dev/null || die "The installed $name does not run here."
    [ -x "$dir/bin/npm" ] && TOOLS_PATH=$dir/bin
  fi
  NODE_CHANGED=$([ "$(readlink "$ROOT$INSTALL_DIR/node" 2>/dev/null || true)" = "$name" ] && echo no || echo yes)
  point_link "$ROOT$INSTALL_DIR/node" "$name"
  NODE_NAME=$name
}

# --- 3. The app -------------------------------------------------------------------

# The release's name: the version, and a fingerprint of every file it is made from, so the
# same Marketcross always lands in the same folder (a re-run finds it there) and any change
# to it in a new one.
release_parts() {
  local part parts=(package.json package-lock.json README.md views appliance provisioning)
  if [ -d "$SOURCE/src" ]; then parts+=(tsconfig.json tsconfig.build.json src sync); else parts+=(dist); fi
  for part in "${parts[@]}"; do [ -e "$SOURCE/$part" ] && printf '%s\n' "$part"; done
}

name_release() {
  local version fingerprint
  if [ ! -f "$SOURCE/package.json" ] || [ ! -d "$SOURCE/views" ]; then die "$SOURCE is not a Marketcross folder (no package.json or views/): run the provision.sh that came with it."; fi
  [ -d "$SOURCE/src" ] || [ -f "$SOURCE/dist/src/main.js" ] || die "$SOURCE has neither the sources (src/) nor the built app (dist/)."
  version=$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$SOURCE/package.json" | head -n 1)
  [ -n "$version" ] || die "$SOURCE/package.json has no version."
  mapfile -t RELEASE_PARTS < <(release_parts)
  fingerprint=$(cd "$SOURCE" && find "${RELEASE_PARTS[@]}" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c 1-12)
  RELEASE_ID=$version-$fingerprint
  RELEASE_VERSION=$version
}

# Dies unless every native module (*.node) under DIR is built for the box's kind of machine.
check_native_modules() {
  local file
  while IFS= read -r -d '' file; do
    [ "$(elf_machine "$file")" = "$ELF_MACHINE" ] || die "$file is built for another kind of machine than $ARCH: the npm packages must be installed for $ARCH (leave out --node-modules-from, or give one built for $ARCH)."
  done < <(find "$1" -name '*.node' -type f -print0)
}

prepare_release() {
  local work dir=$ROOT$INSTALL_DIR/releases/$RELEASE_ID
  if [ -d "$dir" ]; then
    say "Marketcross $RELEASE_ID is installed."
    return 0
  fi
  say "Preparing Marketcross $RELEASE_ID"
  work=$dir.partial
  rm -rf "$work"
  mkdir -p "$work/node_modules"
  (cd "$SOURCE" && cp -R "${RELEASE_PARTS[@]}" "$work/")
  if [ -n "$NODE_MODULES_FROM" ]; then
    check_native_modules "$NODE_MODULES_FROM"
    say "  copying the npm packages from $NODE_MODULES_FROM"
    cp -R "$NODE_MODULES_FROM/." "$work/node_modules/"
  else
    say "  installing the npm packages (npm ci; better-sqlite3 may compile for a few minutes)"
    local omit=() cross=()
    [ -d "$SOURCE/src" ] || omit=(--omit=dev)
    [ "$NODE_ARCH" = "$HOST_NODE_ARCH" ] || cross=(--cpu="$NODE_ARCH" --os=linux)
    (cd "$work" && with_node env npm_config_arch="$NODE_ARCH" npm ci --no-audit --no-fund --loglevel=error "${omit[@]}" "${cross[@]}") || die "npm ci failed (see above). Check the internet connection and run this script again."
  fi
  if [ -d "$SOURCE/src" ]; then
    say "  building the app"
    (cd "$work" && with_node node node_modules/typescript/bin/tsc -p tsconfig.build.json) || die "Building the app failed (see above): this Marketcross folder does not compile."
    rm -rf "$work/src" "$work/sync" "$work/tsconfig.json" "$work/tsconfig.build.json"
  fi
  # Only what the box runs: the compiler and the test tools stay behind.
  (cd "$work" && with_node npm prune --omit=dev --no-audit --no-fund --loglevel=error >/dev/null) || die "npm prune failed (see above)."
  find "$work/node_modules" -mindepth 1 -maxdepth 1 -type d -empty -delete
  check_native_modules "$work/node_modules"
  # The service's user only reads the app: nothing in it is writable but by root.
  chmod -R u+rwX,go+rX,go-w "$work"
  mv "$work" "$dir"
  CHANGED+=("$INSTALL_DIR/releases/$RELEASE_ID")
}

# --- 4. The system's files ----------------------------------------------------------

install_system_files() {
  local release=$ROOT$INSTALL_DIR/releases/$RELEASE_ID appliance
  appliance=$release/appliance
  local before=${#CHANGED[@]}
  put_file "$appliance/systemd/marketcross.service" /etc/systemd/system/marketcross.service 644
  put_file "$appliance/systemd/marketcross.sysusers" /usr/lib/sysusers.d/marketcross.conf 644
  put_file "$appliance/systemd/marketcross.tmpfiles" /usr/lib/tmpfiles.d/marketcross.conf 644
  put_file_once "$appliance/systemd/marketcross.env" "$ENV_FILE" 644
  put_file "$appliance/avahi/marketcross.service" /etc/avahi/services/marketcross.service 644
  put_file "$appliance/journald/marketcross.conf" /etc/systemd/journald.conf.d/marketcross.conf 644
  put_file "$appliance/bin/marketcross" /usr/local/bin/marketcross 755
  UNITS_CHANGED=$([ ${#CHANGED[@]} -gt "$before" ] && echo yes || echo no)

  local root_flag=()
  [ "$STAGING" = no ] || root_flag=(--root="$ROOT")
  mkdir -p "$ROOT/etc"
  # Both take the configuration's name, found in the root's own configuration folders.
  systemd-sysusers "${root_flag[@]}" marketcross.conf || die "systemd-sysusers could not create the user $SERVICE."
  systemd-tmpfiles "${root_flag[@]}" --create marketcross.conf || die "systemd-tmpfiles could not create $DATA_DIR."
  if [ "$STAGING" = no ]; then
    [ "$UNITS_CHANGED" = no ] || systemctl daemon-reload
    systemctl is-enabled --quiet "$SERVICE" || systemctl enable --quiet "$SERVICE"
    systemctl is-enabled --quiet avahi-daemon || systemctl enable --now --quiet avahi-daemon
    if printf '%s\n' "${CHANGED[@]}" | grep -qx /etc/systemd/journald.conf.d/marketcross.conf; then systemctl restart systemd-journald; fi
  elif [ ! -L "$ROOT/etc/systemd/system/multi-user.target.wants/$SERVICE.service" ]; then
    systemctl --root="$ROOT" enable --quiet "$SERVICE.service" 2>/dev/null || die "systemctl --root could not enable $SERVICE.service in the tree."
    CHANGED+=("/etc/systemd/system/multi-user.target.wants/$SERVICE.service")
  fi
}

# --- 5. The switch ----------------------------------------------------------------------

# An image has no community yet; a tree that has one is a box, and is upgraded on the box, where it is backed up first.
# Checked before the slow steps, so the answer comes at once.
check_tree_switch() {
  local current
  current=$(readlink "$ROOT$INSTALL_DIR/current" 2>/dev/null || true)
  if [ "$STAGING" = yes ] && [ -n "$current" ] && [ "$current" != "releases/$RELEASE_ID" ] && [ -e "$ROOT$DATA_DIR/marketcross.db" ]; then
    die "The tree at $ROOT holds a community's database ($DATA_DIR/marketcross.db): upgrade it on the box itself (run this script there), so that it is backed up first."
  fi
}

switch_release() {
  local install=$ROOT$INSTALL_DIR current want=releases/$RELEASE_ID
  current=$(readlink "$install/current" 2>/dev/null || true)
  UPGRADED=no
  FIRST_INSTALL=no
  if [ "$current" = "$want" ]; then
    say "Marketcross $RELEASE_VERSION ($RELEASE_ID) is the installed version."
  elif [ -z "$current" ]; then
    point_link "$install/current" "$want"
    FIRST_INSTALL=yes
  elif [ "$STAGING" = yes ]; then
    point_link "$install/previous" "$current"
    point_link "$install/current" "$want"
  else
    say "Upgrading from ${current#releases/} to $RELEASE_ID"
    # shellcheck source=/dev/null
    if ! (set -a && . "$ENV_FILE" && set +a && "$INSTALL_DIR/node/bin/node" "$install/$want/dist/src/main.js" upgrade "$install/$want" --service "$SERVICE" 9<&-); then
      # The upgrade put the previous version back; its system files (the unit, the command) go back with it.
      RELEASE_ID=${current#releases/}
      install_system_files
      if [ "$UNITS_CHANGED" = yes ] && systemctl is-active --quiet "$SERVICE"; then
        systemctl restart "$SERVICE"
        wait_for_service
      fi
      die "The upgrade did not happen (see above for what was done, and what to do). The box is on the version it had."
    fi
    CHANGED+=("$INSTALL_DIR/current -> $want")
    UPGRADED=yes
  fi
}

# --- 6. The service -------------------------------------------------------------------------

# Waits until the service answers /healthz (where its settings say it listens), or dies saying where to look.
wait_for_service() {
  local host port
  # shellcheck source=/dev/null
  host=$(set -a && . "$ENV_FILE" && printf '%s' "${MARKETCROSS_HOST:-127.0.0.1}")
  # shellcheck source=/dev/null
  port=$(set -a && . "$ENV_FILE" && printf '%s' "${MARKETCROSS_PORT:-8080}")
  # A box listening on every address answers on loopback; one told to listen on one address, only there.
  case "$host" in 0.0.0.0 | :: | "") host=127.0.0.1 ;; *:*) host="[$host]" ;; esac
  for _ in $(seq 1 90); do
    if curl -fs -o /dev/null "http://$host:$port/healthz"; then return 0; fi
    systemctl is-active --quiet "$SERVICE" || break
    sleep 1
  done
  die "The service $SERVICE did not start. See why with: sudo journalctl -u $SERVICE -n 50 --no-pager"
}

start_service() {
  if [ "$FIRST_INSTALL" = yes ]; then
    # The database and its setup code are made now, as the service's user, before the service starts.
    box_command address >/dev/null || die "The new box's database could not be created (see above)."
  fi
  if ! systemctl is-active --quiet "$SERVICE"; then
    say "Starting the service $SERVICE"
    systemctl start "$SERVICE"
  elif { [ "$UNITS_CHANGED" = yes ] || [ "$NODE_CHANGED" = yes ]; } && [ "$UPGRADED" = no ]; then
    say "Restarting the service $SERVICE with its new settings"
    systemctl restart "$SERVICE"
  fi
  wait_for_service
}

# --- 7. Tidying -------------------------------------------------------------------------------

# Keeps the installed release and the one before it (to go back to), and the Node.js in use.
prune() {
  local install=$ROOT$INSTALL_DIR keep entry
  keep=" $(readlink "$install/current" 2>/dev/null || true) $(readlink "$install/previous" 2>/dev/null || true) "
  for entry in "$install"/releases/*; do
    [ -e "$entry" ] || continue
    case "$keep" in *" releases/${entry##*/} "*) continue ;; esac
    rm -rf "$entry"
    CHANGED+=("removed ${entry#"$ROOT"}")
  done
  for entry in "$install"/node-v*; do
    if [ ! -e "$entry" ] || [ "${entry##*/}" = "$NODE_NAME" ]; then continue; fi
    rm -rf "$entry"
    CHANGED+=("removed ${entry#"$ROOT"}")
  done
}

# --- Run --------------------------------------------------------------------------------------

check_system
mkdir -p "$ROOT$INSTALL_DIR"
# One run at a time per install: a second one, started while this one works, stops at once.
exec 9<"$ROOT$INSTALL_DIR"
flock -n 9 || die "provision.sh is already running for $ROOT$INSTALL_DIR; wait for it to finish."

[ "$STAGING" = no ] || say "Writing a Marketcross box into the tree at $ROOT (for $ARCH); this machine is left alone."
name_release
check_tree_switch
install_packages
install_node
prepare_release
install_system_files
switch_release
[ "$STAGING" = yes ] || start_service
prune

say ""
if [ ${#CHANGED[@]} -eq 0 ]; then
  say "Nothing to change: the box was already set up with Marketcross $RELEASE_VERSION ($RELEASE_ID)."
else
  say "Done. Changed:"
  printf '  %s\n' "${CHANGED[@]}"
fi
for warning in "${WARNINGS[@]}"; do printf 'Warning: %s\n' "$warning" >&2; done
say ""
if [ "$STAGING" = yes ]; then
  say "The tree at $ROOT holds Marketcross $RELEASE_VERSION. A box started from it runs Marketcross by itself."
  say "To see its address, a QR code of it and the one-time setup code, sign in on the box and run: sudo marketcross address"
else
  box_command address
  say ""
  say "Check the box at any time with: sudo marketcross doctor"
fi
