#!/bin/bash
# call_overhead_ir.sh [ROOT] - instructions per call (valgrind callgrind), not
# wall-clock: a measure of a call's fixed cost that the load of a shared
# machine does not change.  Ir per call = (Ir of 2N calls - Ir of N calls) / N,
# each count one whole octave-cli run (start-up cancels).  ROOT is a gdflow
# tree with its MEX files built (default: this one), so two commits can be
# compared: bench/call_overhead_ir.sh /path/to/old/tree.  Needs valgrind;
# takes about a minute per case.  The empty-MEX and struct cases need
# bench/private/gdf_call_mex (compiled by bench_call_overhead on first use).
# This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
set -e
ROOT=$(cd "${1:-$(dirname "$0")/..}" && pwd)
N=${N:-100}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HERE=$(cd "$(dirname "$0")" && pwd)
SETUP="addpath('$ROOT/m'); addpath('$ROOT/m/private'); addpath('$HERE/private'); prob = gd_quadratic([3 1; 1 2], [1; 1]); d = 2; randn('seed', d); [Q, ~] = qr(randn(d)); A = Q * diag(logspace(-1, 1, d)) * Q'; A = (A + A') / 2; b = randn(d, 1); x0 = randn(d, 1); qp = gd_quadratic(A, b); opts = odeset('RelTol', 1e-6, 'AbsTol', 1e-8);"
ir() { # $1 calls, $2 loop body
  printf 'for i = 1:%d\n%s\nend\n' "$1" "$2" > "$TMP/loop_ir.m"
  OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" octave-cli --no-gui --norc \
    --eval "$SETUP $2 cd('$TMP'); loop_ir" > /dev/null 2>&1
  grep -E '^(summary|totals):' "$TMP/cg" | head -1 | awk '{print $2}'
}
echo "gdflow tree: $ROOT (Ir per call, N = $N)"
while IFS='|' read -r label body; do
  a=$(ir "$N" "$body"); c=$(ir $((2 * N)) "$body")
  echo "$a $c $N" | awk -v l="$label" '{printf "  %-34s %9.0f Ir\n", l, ($2 - $1) / $3}'
done <<'CASES'
empty MEX call|gdf_call_mex(0);
19-field struct from a MEX|s = gdf_call_mex(19);
gd_run_mex direct, theta only|th = gd_run_mex(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
gd_run_mex direct, [theta, info]|[th, info] = gd_run_mex(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
gd_run, [theta, info]|[~, info] = gd_run(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
gd_run, theta only|th = gd_run(prob, [2; 1], 'StepSize', 0.1, 'MaxIter', 10, 'GradTol', 0);
gf_run rk45 d=2, [t, Theta]|[t, Y] = gf_run(qp, x0, [0 10], 'RelTol', 1e-6, 'AbsTol', 1e-8);
gf_run rk45 d=2, [t, Theta, info]|[t, Y, info] = gf_run(qp, x0, [0 10], 'RelTol', 1e-6, 'AbsTol', 1e-8);
CASES
