#!/bin/bash
# info_return_ir.sh - instructions per call (valgrind callgrind) of the ways a
# MEX can hand back gd_run's 19-field info (13 numbers, 6 strings) to Octave,
# including building the struct in the .m where the MEX does not (issue 15
# item 4, round 5: is the struct itself the cost, or the way it is built?).
# Ir per call = (Ir of 2N calls - Ir of N calls) / N, as call_overhead_ir.sh.
# Needs valgrind and mkoctfile; about a minute per case.
# This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
N=${N:-100}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && mkoctfile --mex -o gdf_ret_mex.mex "$HERE/private/gdf_ret_mex.c" > /dev/null)
SETUP="addpath('$TMP'); names = {'iterations','exitflag','message','fval','f','gradnorm','theta','stepsize','steprule','method','momentum','L','mu','f_star','funccount','time','stationary','hint','gradient'}; namesc = names'; sidx = [3 9 10 17 18 19];"
ir() { # $1 calls, $2 loop body
  printf 'for i = 1:%d\n%s\nend\n' "$1" "$2" > "$TMP/loop_ir.m"
  OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" octave-cli --no-gui --norc \
    --eval "$SETUP $2 cd('$TMP'); loop_ir" > /dev/null 2>&1
  grep -E '^(summary|totals):' "$TMP/cg" | head -1 | awk '{print $2}'
}
echo "Ir per call (N = $N)"
while IFS='|' read -r label body; do
  a=$(ir "$N" "$body"); c=$(ir $((2 * N)) "$body")
  echo "$a $c $N" | awk -v l="$label" '{printf "  %-58s %9.0f Ir\n", l, ($2 - $1) / $3}'
done <<'CASES'
the call alone|gdf_ret_mex(0);
the struct from the MEX (gd_run_mex today)|s = gdf_ret_mex(1);
(a) numbers as one vector, strings in a cell, cell2struct in .m|[v, c] = gdf_ret_mex(3); cc = num2cell(v); cc(sidx) = c; s = cell2struct(cc, names, 2);
(a) all 19 as one vector (no strings), cell2struct in .m|v = gdf_ret_mex(2); s = cell2struct(num2cell(v), names, 2);
(b) a 19 x 1 cell from the MEX, cell2struct in .m|c = gdf_ret_mex(4); s = cell2struct(c, namesc, 1);
(b) the cell alone (no struct)|c = gdf_ret_mex(4);
(e) 19 outputs, struct() in .m|[t,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15,a16,a17,a18,a19] = gdf_ret_mex(5); s = struct('iterations', a1, 'exitflag', a2, 'message', a3, 'fval', a4, 'f', a5, 'gradnorm', a6, 'theta', a7, 'stepsize', a8, 'steprule', a9, 'method', a10, 'momentum', a11, 'L', a12, 'mu', a13, 'f_star', a14, 'funccount', a15, 'time', a16, 'stationary', a17, 'hint', a18, 'gradient', a19);
CASES
