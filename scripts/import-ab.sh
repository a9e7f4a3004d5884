#!/bin/bash
# import-ab.sh: time `gongkai import` of one set with several builds,
# alternating them round by round (the machine's speed drifts: runs of one
# build in a row would compare different machines), each into a new
# archive, and print one line per run: gongkai's summary rate, the index's
# final merge ("fin"), the end-to-end rate (files over the command's wall
# time), CPU (user+sys), peak RSS and the load average after the run.
#
#   scripts/import-ab.sh ROUNDS default|noindex NAME=BINARY [NAME=BINARY...]
#
# SET (default /tmp/speed4/in-real) is the input directory; ENV_NAME adds
# environment variables to the runs of build NAME (e.g.
# ENV_new="GOMEMLIMIT=450MiB"). Make a real-size set with
# `go run ./scripts/benchset -out DIR -n 2000 -realsize`.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,14p' "$0" >&2
  exit 2
fi
rounds=$1 mode=$2
shift 2
set=${SET:-/tmp/speed4/in-real}
n=$(find "$set" -type f | wc -l)
extra=()
[ "$mode" = noindex ] && extra=(--no-index)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq 1 "$rounds"); do
  for nb in "$@"; do
    name=${nb%%=*} bin=${nb#*=}
    envv=ENV_$name
    rm -rf "$work/archive"
    # shellcheck disable=SC2086 # ENV_NAME holds several assignments
    out=$(env ${!envv:-} /usr/bin/time -f 'TIME %U %S %M %e' "$bin" import --archive "$work/archive" --quiet "${extra[@]}" "$set" 2>&1 || true)
    sum=$(grep -oE '\(([0-9]+) files/s\)' <<<"$out" | grep -oE '[0-9]+' || echo -)
    fin=$(grep -oE 'synced in [0-9.]+[a-z]+' <<<"$out" | awk '{print $3}' || true)
    read -r u s m e <<<"$(grep '^TIME' <<<"$out" | cut -d' ' -f2-)"
    printf "%-8s %-8s summary %4s/s fin %-8s e2e %6.1f/s wall %6.2f cpu %6.2f rss %4d MB load %s\n" \
      "$name" "$mode" "$sum" "${fin:--}" "$(bc -l <<<"$n/$e")" "$e" "$(bc -l <<<"$u+$s")" $((m / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
