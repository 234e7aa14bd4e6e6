function [t, all] = bench_median(fun, reps)
%BENCH_MEDIAN  Median wall-clock time of REPS calls of FUN (a function handle).
%   [T, ALL] = BENCH_MEDIAN(FUN, REPS) also returns every time.  The median
%   of several repetitions is what the benchmarks quote: robust on a shared
%   machine without hiding a slow run the way the minimum does.  FUN is
%   called with one output.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
all = zeros(1, reps);
for r = 1:reps
  t0 = tic;
  out = fun(); %#ok<NASGU> (an output: ode45 with no outputs would plot)
  all(r) = toc(t0);
end
t = median(all);
end
