#!/usr/bin/env bash
# The Debian package as a province's administrator installs it: on a clean Debian 12 made with debootstrap
# (no Swift toolchain anywhere in it), `apt-get install ./ocopsync_….deb`, then:
#   - the binary needs no library of the toolchain (ldd), `ocopsync --version` and `config check` run;
#   - the system user and group, the shared state directory (2770) and the credentials (0640) are made;
#   - the daemon starts as the service's user; `ocopsync` run by root and by a member of group ocopsync
#     (not the service's user) works on the database the daemon uses, and the daemon sees their changes;
#   - a second daemon on the same database exits 2 and names the process that holds it;
#   - `backup` while the daemon runs, `restore` refused while it runs and done once it stopped;
#   - an upgrade (the package installed again) keeps the edited config, the credentials and the database;
#   - removing the package keeps the database.
# Usage: Tests/Package/install-test.sh PACKAGE.deb   (as root; needs debootstrap and a Debian mirror)
set -euo pipefail
deb=$(readlink -f "${1:?usage: $0 PACKAGE.deb}")
work=$(mktemp -d /tmp/ocopsync-package.XXXXXX)
root="$work/debian12"
port=$((20000 + RANDOM % 20000))
daemon=""

cleanup() {
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
step() { echo "package test: $*"; }
fail() { echo "package test: FAILED: $*" >&2; exit 1; }
in_root() { chroot "$root" "$@"; }
ids() { # "uid:gid" of a user and the id of group ocopsync, as the chroot knows them
    echo "$(in_root id -u "$1"):$(in_root id -g "$1") $(in_root getent group ocopsync | cut -d: -f3)"
}
as_user() { # runs a command in the chroot as $1, with group ocopsync among its groups
    local user=$1 who group; shift
    read -r who group <<<"$(ids "$user")"
    chroot --userspec="$who" --groups="$group" "$root" env HOME=/tmp "$@"
}
get() { # GET $1 from the daemon in the chroot; prints the body
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
    sed '1,/^\r$/d' <&3
    exec 3<&-
}
start_daemon() {
    local who group
    read -r who group <<<"$(ids ocopsync)"
    # chroot and env exec: $! is the daemon itself.
    chroot --userspec="$who" --groups="$group" "$root" env OCOPSYNC_LISTEN="127.0.0.1:$port" /usr/bin/ocopsync serve \
        >"$work/serve.log" 2>&1 &
    daemon=$!
    for _ in $(seq 1 100); do
        [ "$(get /healthz 2>/dev/null || true)" != "" ] && return 0
        kill -0 "$daemon" 2>/dev/null || { cat "$work/serve.log" >&2; fail "the daemon exited"; }
        sleep 0.2
    done
    cat "$work/serve.log" >&2; fail "the daemon did not answer /healthz within 20 s"
}
stop_daemon() { kill -TERM "$daemon"; wait "$daemon" || true; daemon=""; }

step "a clean Debian 12 (debootstrap --variant=minbase bookworm)"
debootstrap --variant=minbase bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
[ ! -e "$root/opt/swift" ] && ! in_root sh -c 'ls /usr/lib/swift /usr/lib/*/libswiftCore.so* 2>/dev/null' | grep -q . \
    || fail "the clean system has a Swift runtime"

step "apt-get install ./$(basename "$deb") (its dependencies from Debian)"
cp "$deb" "$root/tmp/ocopsync.deb"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get update"; }
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq /tmp/ocopsync.deb >>"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log" >&2; fail "apt-get install"; }

step "the binary needs no library of the toolchain"
in_root ldd /usr/bin/ocopsync | tee "$work/ldd.txt" | sed 's/^/    /'
grep -q "not found" "$work/ldd.txt" && fail "a library is missing"
grep -qiE "swift|Foundation|dispatch|BlocksRuntime" "$work/ldd.txt" && fail "the binary needs a library of the Swift toolchain"

version=$(dpkg-deb -f "$deb" Version)
[ "$(in_root ocopsync --version)" = "$version" ] || fail "ocopsync --version is not $version"
in_root ocopsync config check >"$work/check.txt" 2>&1 || { cat "$work/check.txt" >&2; fail "config check"; }
step "ocopsync --version: $version; config check: ok"

step "the system user, the shared state directory and the credentials"
[ "$(in_root stat -c '%a %U %G' /var/lib/ocopsync)" = "2770 ocopsync ocopsync" ] || fail "/var/lib/ocopsync: $(in_root stat -c '%a %U %G' /var/lib/ocopsync)"
[ "$(in_root stat -c '%a %U %G' /etc/ocopsync/credentials)" = "750 root ocopsync" ] || fail "/etc/ocopsync/credentials"
for name in admin_token secrets_key; do
    [ "$(in_root stat -c '%a %U %G' /etc/ocopsync/credentials/$name)" = "640 root ocopsync" ] || fail "credentials/$name"
done
[ -f "$root/lib/systemd/system/ocopsync.service" ] && [ -f "$root/lib/systemd/system/ocopsync-backup.timer" ] || fail "the units"

step "the daemon starts as user ocopsync; root imports the catalog while it runs"
start_daemon
in_root ocopsync catalog import /usr/share/doc/ocopsync/examples/quang-ninh-catalog.csv >"$work/import.txt" 2>&1 \
    || { cat "$work/import.txt" >&2; fail "catalog import as root"; }
in_root useradd --create-home hoa
as_user hoa ocopsync stock adjust QN-BC-0001-H250G -5 --reason "sold at a fair" >"$work/adjust.txt" 2>&1 \
    || { cat "$work/adjust.txt" >&2; fail "stock adjust by a member of group ocopsync"; }
as_user hoa ocopsync coverage --format json >"$work/coverage.json" 2>&1 || { cat "$work/coverage.json" >&2; fail "coverage by a member of group ocopsync"; }
grep -q '"eligible" *: *[1-9]' "$work/coverage.json" || fail "coverage shows no eligible product"
for _ in $(seq 1 50); do get /api/v1/coverage | grep -q '"eligible":[1-9]' && break; sleep 0.2; done
get /api/v1/coverage | grep -q '"eligible":[1-9]' || fail "the daemon did not see the imported catalog"
bad=$(in_root find /var/lib/ocopsync -maxdepth 1 -type f \( ! -group ocopsync -o ! -perm 0660 \) -printf '%p %m %u:%g\n')
[ -z "$bad" ] || fail "files in /var/lib/ocopsync the service cannot share: $bad"

step "a second daemon on the same database exits 2 and names the first"
set +e
as_user ocopsync env OCOPSYNC_LISTEN="127.0.0.1:$((port + 1))" /usr/bin/ocopsync serve >"$work/second.txt" 2>&1
status=$?
set -e
[ "$status" = 2 ] || { cat "$work/second.txt" >&2; fail "the second daemon exited $status, not 2"; }
grep -q "in use by another ocopsync daemon (process" "$work/second.txt" || { cat "$work/second.txt" >&2; fail "the second daemon did not say who holds the database"; }

step "backup while the daemon runs; restore refused while it runs"
as_user ocopsync ocopsync backup >"$work/backup.txt" 2>&1 || { cat "$work/backup.txt" >&2; fail "backup"; }
backup=$(in_root sh -c 'ls /var/lib/ocopsync/backups/ocopsync-*.sqlite' | tail -1)
[ -n "$backup" ] || fail "no backup written"
as_user hoa ocopsync stock adjust QN-BC-0001-H250G -1 --reason "sold at a fair" >/dev/null 2>&1 || fail "stock adjust after the backup"
set +e
in_root ocopsync restore "$backup" >"$work/restore-running.txt" 2>&1
status=$?
set -e
[ "$status" = 1 ] && grep -q "in use by another ocopsync daemon" "$work/restore-running.txt" \
    || { cat "$work/restore-running.txt" >&2; fail "restore while the daemon runs was not refused (exit $status)"; }

step "restore once it stopped, and the daemon runs on the restored database"
stop_daemon
in_root ocopsync restore "$backup" >"$work/restore.txt" 2>&1 || { cat "$work/restore.txt" >&2; fail "restore"; }
grep -q "before-restore" "$work/restore.txt" || fail "restore did not keep the database it replaced"
start_daemon
as_user hoa ocopsync stock adjust QN-BC-0001-H250G +2 --reason counted >/dev/null 2>&1 || fail "a write after the restore"
stop_daemon

step "an upgrade keeps the edited config, the credentials and the database"
echo "# edited by the administrator" >>"$root/etc/ocopsync/ocopsync.yaml"
token=$(cat "$root/etc/ocopsync/credentials/admin_token")
DEBIAN_FRONTEND=noninteractive in_root dpkg -i --force-confold /tmp/ocopsync.deb >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log" >&2; fail "the upgrade"; }
grep -q "edited by the administrator" "$root/etc/ocopsync/ocopsync.yaml" || fail "the upgrade replaced the edited config"
[ "$(cat "$root/etc/ocopsync/credentials/admin_token")" = "$token" ] || fail "the upgrade changed the admin token"
as_user hoa ocopsync coverage --format json | grep -q '"eligible" *: *[1-9]' || fail "the catalog is gone after the upgrade"

step "removing the package keeps the database"
DEBIAN_FRONTEND=noninteractive in_root apt-get remove -y -qq ocopsync >"$work/remove.log" 2>&1 || { cat "$work/remove.log" >&2; fail "apt-get remove"; }
[ -f "$root/var/lib/ocopsync/ocopsync.sqlite" ] || fail "removing the package removed the database"
step "passed"
