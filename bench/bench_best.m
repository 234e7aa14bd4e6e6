function t = bench_best(fun, reps)
%BENCH_BEST  Best wall-clock time of REPS calls of FUN (a function handle).
%   The minimum is the least noisy estimate on a shared machine.  FUN is
%   called with one output.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
t = Inf;
for r = 1:reps
  t0 = tic;
  out = fun(); %#ok<NASGU> (an output: ode45 with no outputs would plot)
  t = min(t, toc(t0));
end
end
