#!/bin/bash
# parse-identical.sh: check that two gongkai builds give byte-identical
# `gongkai parse --json` output on the same files (the samples and a
# benchmark set, say), before landing a parser speed change.
#
#   scripts/parse-identical.sh OLD_BINARY NEW_BINARY DIR_OR_FILE...
#
# Files are parsed 500 to a process; stderr (refusals) is compared too.
# Prints "identical: N files" and exits 0, or the first differing line
# numbers and exits 1. Outputs stay in $TMPDIR/parse-identical.* for diff.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,11p' "$0"; exit 2; }
old=$1 new=$2
shift 2
out=$(mktemp -d "${TMPDIR:-/tmp}/parse-identical.XXXXXX")
find "$@" -type f | sort > "$out/files"
for b in old new; do
  bin=$old
  [ $b = new ] && bin=$new
  xargs -d '\n' -n 500 "$bin" parse --json < "$out/files" > "$out/$b.json" 2> "$out/$b.err" || true
done
n=$(wc -l < "$out/files")
if cmp -s "$out/old.json" "$out/new.json" && cmp -s "$out/old.err" "$out/new.err"; then
  echo "identical: $n files ($out)"
  exit 0
fi
echo "DIFFERENT ($out):"
cmp "$out/old.json" "$out/new.json" || true
cmp "$out/old.err" "$out/new.err" || true
exit 1
