function t = gd_per_iter(prob, theta0, eta, K, reps)
%GD_PER_ITER  Median over REPS gd_run calls of the C loop's time per iteration.
%   K iterations with step ETA from THETA0 (GradTol 0, so every call runs
%   all K); info.time / info.iterations, so the interpreter's call overhead
%   is left out.  A helper of the benchmarks, not part of gdflow.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
tt = zeros(1, reps);
for i = 1:reps
  [~, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0);
  tt(i) = info.time / info.iterations;
end
t = median(tt);
end
