#!/usr/bin/env bash
# Gateway leak check: N calls (default 1e5) of every gateway, good and bad,
# in one Octave session; resident memory must stay flat (tests/fuzz/fuzz_leak.m).
# Usage: tests/fuzz/run_leak.sh [N]
# Ends with "leak: N passed, N failed" (one count per gateway).
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
OCTAVE=${OCTAVE:-octave-cli}
n=${1:-100000}
$OCTAVE --no-gui --norc --no-history --eval "
  addpath('$root/m'); addpath('$root/tests/fuzz'); cd('$root/m/private');
  R = fuzz_leak($n, true);
  fprintf('leak: %d passed, %d failed\n', sum([R.ok]), sum(~[R.ok])); if any(~[R.ok]), exit(1); end" 2>&1 |
    grep -v '^error: ignoring const execution_exception'
exit "${PIPESTATUS[0]}"
