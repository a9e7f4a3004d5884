#!/bin/sh
# update-pdfjs.sh VERSION — vendor pdf.js (npm pdfjs-dist) into the server's
# embedded assets: the legacy minified build, the worker, the CMaps (Chinese
# PDFs with non-embedded fonts need them), the standard fonts and the
# licence. Needs npm; the server itself never fetches anything.
set -eu
v=${1:?usage: scripts/update-pdfjs.sh VERSION (e.g. 6.5.438)}
dst=$(cd "$(dirname "$0")/.." && pwd)/server/web/static/pdfjs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "pdfjs-dist@$v" >/dev/null && tar xzf "pdfjs-dist-$v.tgz")
p=$tmp/package
rm -rf "$dst/cmaps" "$dst/standard_fonts"
mkdir -p "$dst"
cp "$p/legacy/build/pdf.min.mjs" "$p/legacy/build/pdf.worker.min.mjs" "$p/LICENSE" "$dst/"
cp -r "$p/cmaps" "$p/standard_fonts" "$dst/"
echo "$v" > "$dst/VERSION"
echo "pdfjs-dist $v vendored in $dst"
