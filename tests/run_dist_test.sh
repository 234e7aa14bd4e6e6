#!/usr/bin/env bash
# Install the Octave package tarball into a temporary prefix and test the
# installed copy (tests/dist/gdf_dist_check.m): pkg install, pkg load, every
# function, demo and gateway, pkg test gdflow, pkg uninstall.
# Usage: tests/run_dist_test.sh gdflow-X.Y.Z.tar.gz
# HOME, the pkg prefix and the package list all point into a temporary
# folder, so the user's own Octave packages are never touched.
# Ends with "test-dist: N passed, N failed"; exit status 0 only when nothing failed.
set -u
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 gdflow-X.Y.Z.tar.gz" >&2; exit 2; }
tarball=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
OCTAVE=${OCTAVE:-octave-cli}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/run"
cd "$tmp/run"
HOME="$tmp/home" $OCTAVE --no-gui --norc --no-history \
    --eval "addpath('$here/dist'); gdf_dist_check('$tarball', '$tmp');" > "$tmp/log" 2>&1
grep -v -E '^error: ignoring const execution_exception' "$tmp/log"
line=$(grep -E '^test-dist: [0-9]+ passed, [0-9]+ failed' "$tmp/log" | tail -n 1)
[ -n "$line" ] || { echo "test-dist: 0 passed, 1 failed (no result line)"; exit 1; }
grep -q ' 0 failed' <<<"$line"
