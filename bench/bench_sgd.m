function r = bench_sgd(quick)
%BENCH_SGD  SGD with BatchSize 1 in C against the idiomatic Octave loop (issue 16).
%   gd_run(gd_leastsq(X, y), theta0, 'Method', 'sgd', 'BatchSize', 1, ...)
%   on p = 50 columns, n = 1e4 and 1e5 rows, K = 1e6 steps (History 'none':
%   one full pass over X at theta_0 and one at the end, and the row-major
%   copy of X made once, all inside the timed call), against the loop
%     for k = 1:K, i = randi(m); theta = theta - eta*X(i,:)'*(X(i,:)*theta - y(i)); end
%   timed over a shorter run (K_oct = 2e4 steps) and scaled to K (the loop's
%   cost per step does not depend on k: said in the output).  Medians of 3
%   runs each, with the spread (min .. max).  Printed: ns per SGD step, the
%   step's flops (6p: the dot product x_i'theta, the gradient r x_i and the
%   update), and the ratio.  Targets: >= 100x the Octave loop; a step
%   within a few hundred ns plus its flops.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
p = 50;
ns = [1e4 1e5];
K = 1e6;
Koct = 2e4;
reps = 3;
if quick
  ns = 2000;
  K = 2e4;
  Koct = 2e3;
  reps = 1;
end
eta = 0.002;
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_sgd] SGD, BatchSize 1, p = %d: gd_run ''sgd'' (%d steps) vs the Octave loop (%d steps, scaled), medians of %d\n', ...
        p, K, Koct, reps);
fprintf('  %-8s %12s %14s %10s %14s %16s %8s\n', 'n', 'gd_run', '(spread)', 'ns/step', 'Octave loop', '(spread, scaled)', 'ratio');
for n = ns
  randn('state', 16);
  rand('state', 16);
  X = randn(n, p) / sqrt(p);
  y = X * ones(p, 1) + 0.1 * randn(n, 1);
  prob = gd_leastsq(X, y);
  theta0 = zeros(p, 1);
  [~, ta] = bench_median(@() gd_run(prob, theta0, 'Method', 'sgd', 'StepSize', eta, 'MaxIter', K, ...
                                    'History', 'none', 'Seed', 1), reps);
  [~, tb] = bench_median(@() octave_loop(X, y, theta0, eta, Koct), reps);
  tb = tb * (K / Koct);
  t_c = median(ta);
  t_o = median(tb);
  fprintf('  %-8d %12s %6s..%-7s %10.0f %14s %7s..%-8s %7.0fx\n', n, bench_fmt_time(t_c), bench_fmt_time(min(ta)), ...
          bench_fmt_time(max(ta)), 1e9 * t_c / K, bench_fmt_time(t_o), bench_fmt_time(min(tb)), ...
          bench_fmt_time(max(tb)), t_o / t_c);
  r(end + 1) = struct('name', 'bench_sgd', 'case', sprintf('SGD B = 1, p = %d, n = %g, %g steps', p, n, K), ...
                      'gdflow', t_c, 'baseline', t_o, 'ratio', t_o / t_c, 'target', '>=100', ...
                      'note', sprintf('%.0f ns/step, %d flops/step; Octave loop timed over %g steps, scaled', ...
                                      1e9 * t_c / K, 6 * p, Koct)); %#ok<AGROW>
end
end

function theta = octave_loop(X, y, theta, eta, K)
% the idiomatic loop of issue 16
m = rows(X);
for k = 1:K
  i = randi(m);
  theta = theta - eta * X(i, :)' * (X(i, :) * theta - y(i));
end
end
