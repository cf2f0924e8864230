#!/usr/bin/env bash
# Disk full for real (root only: mounts a small tmpfs). Runs the headless console in demo mode with
# its data folder on a 4 MB tmpfs, fills the rest of the tmpfs while orders flow, waits, frees the
# space, waits again, and reports per run: alive after the fill, order lines at fill / at end,
# integrity_check of the database after a clean stop.
# Usage: sudo scripts/fault/disk-full-tmpfs.sh [runs] [source tree, default this one]
set -uo pipefail
runs=${1:-4}
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
here=$(cd "$(dirname "$0")/../.." && pwd)
node=$(cd "$here" && npx -c 'node -p process.execPath')
export TSX_TSCONFIG_PATH="$src/tsconfig.node.json"
sql() { # <db> <sql>: one value, read-only
  (cd "$here" && "$node" --import tsx -e "
    const D = (await import('better-sqlite3')).default;
    const db = new D(process.argv[1], { readonly: true, fileMustExist: true });
    console.log(db.prepare(process.argv[2]).pluck().get()); db.close();" "$1" "$2" 2>/dev/null)
}
alive_runs=0
for i in $(seq 1 "$runs"); do
  mnt=$(mktemp -d /tmp/shelfcast-tmpfs-XXXX)
  mount -t tmpfs -o size=4m tmpfs "$mnt" || { echo "cannot mount tmpfs"; exit 2; }
  log="$mnt.log"
  (cd "$src" && SHELFCAST_DEMO=1 exec "$node" --import tsx src/main/server/index.ts --demo \
    --data-dir "$mnt/data" --port 0) >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "operator UI" "$log" && break; sleep 0.5; done
  db="$mnt/data/shelfcast.db"
  # Orders flowing (figures moving) before the disk fills.
  for _ in $(seq 1 120); do [ "$(sql "$db" "SELECT count(*) FROM order_line")" -gt 20 ] 2>/dev/null && break; sleep 0.5; done
  dd if=/dev/zero of="$mnt/filler" bs=16k 2>/dev/null
  at_fill=$(sql "$db" "SELECT count(*) FROM order_line")
  sleep 10
  if kill -0 "$pid" 2>/dev/null; then alive=yes; alive_runs=$((alive_runs + 1)); else alive=no; fi
  rm -f "$mnt/filler"
  sleep 8
  at_end=$(sql "$db" "SELECT count(*) FROM order_line")
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check=$(sql "$db" "PRAGMA integrity_check")
  died=$(grep -m1 -E "SQLITE_FULL|SqliteError|database or disk is full" "$log" | head -c 120)
  echo "run $i: alive after fill: $alive; order lines at fill $at_fill, at end $at_end; integrity_check $check${died:+; first error: $died}"
  umount "$mnt"
  rmdir "$mnt"
  rm -f "$log"
done
echo "{\"runs\":$runs,\"aliveAfterFill\":$alive_runs,\"source\":\"$src\"}"
