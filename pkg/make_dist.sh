#!/usr/bin/env bash
# Build the Octave package gdflow-X.Y.Z.tar.gz from this source tree.
# Usage: pkg/make_dist.sh OUTDIR     (make dist: the top folder)
#
# Files are picked up by pattern, so new functions, demos and C sources
# travel without editing this script:
#   DESCRIPTION, COPYING             top folder (Version: names the tarball)
#   NEWS                             CHANGELOG.md (pkg shows it: news gdflow)
#   INDEX                            made from m/Contents.m (categories and names)
#   inst/*.m, inst/private/*.m       m/*.m, m/private/*.m
#   inst/demos/**                    demos/**/*.m (PKG_ADD puts inst/demos on the path)
#   inst/tests/m, inst/tests/data    tests/m/*.m, tests/data/* (pkg test gdflow)
#   inst/PKG_ADD, inst/PKG_DEL       pkg/PKG_ADD, pkg/PKG_DEL
#   src/                             mex/*.c, mex/*.h and pkg/src/Makefile, which
#                                    pkg install runs: it writes the gateways to
#                                    inst/private
#   doc/README.md                    README.md
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$top}" && pwd)
cd "$top"
version=$(sed -n 's/^Version:[[:space:]]*//p' DESCRIPTION | tr -d '[:space:]')
[ -n "$version" ] || { echo "make_dist: no Version in DESCRIPTION" >&2; exit 1; }
name=gdflow-$version
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
p=$stage/$name
mkdir -p "$p/inst/private" "$p/inst/demos" "$p/inst/tests/m" "$p/inst/tests/data" "$p/src" "$p/doc"

cp DESCRIPTION COPYING "$p/"
[ -f CHANGELOG.md ] && cp CHANGELOG.md "$p/NEWS"
cp README.md "$p/doc/"
cp m/*.m "$p/inst/"
cp m/private/*.m "$p/inst/private/"
(cd demos && find . -name '*.m' -not -path './figures/*' -print0 |
     xargs -0 -I{} cp --parents {} "$p/inst/demos/")
[ -d demos/data ] && cp -R demos/data "$p/inst/demos/"   # the coursework demo's data
cp tests/m/*.m "$p/inst/tests/m/"
cp -R tests/data/. "$p/inst/tests/data/"
cp pkg/PKG_ADD pkg/PKG_DEL "$p/inst/"
cp mex/*.c mex/*.h "$p/src/"
cp pkg/src/Makefile "$p/src/"

# INDEX: the categories and names of m/Contents.m that the package has,
# then any function Contents.m does not list (test_help.m insists it lists all)
{
    echo "gdflow >> Gradient descent and gradient flow, with the numerics in C"
    awk -v inst="$p/inst" '
        NR <= 3 { next }
        /^%   [A-Za-z_][A-Za-z_0-9]* +- / {
            n = $2
            if (system("test -f " inst "/" n ".m -o -f " inst "/demos/" n ".m") == 0) {
                if (cat != printed) { print cat; printed = cat }
                print " " n
                seen[n] = 1
            }
            next
        }
        /^% [^ ]/ { cat = substr($0, 3); sub(/ *\(.*$/, "", cat) }
        END {
            cmd = "ls " inst "/*.m"
            while ((cmd | getline f) > 0) {
                sub(/^.*\//, "", f); sub(/\.m$/, "", f)
                if (!(f in seen) && f != "Contents") extra = extra " " f
            }
            if (extra != "") { print "Other"; print extra }
        }' m/Contents.m
} > "$p/INDEX"

find "$p" -type d -exec chmod 755 {} +
find "$p" -type f -exec chmod 644 {} +
# reproducible: fixed owner, order and times (the Date of DESCRIPTION), no gzip time stamp
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name \
    --mtime="$(sed -n 's/^Date:[[:space:]]*//p' DESCRIPTION) 00:00:00 UTC" \
    -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz"
echo "make_dist: $out/$name.tar.gz ($(find "$p" -type f | wc -l) files)"
