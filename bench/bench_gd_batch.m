function r = bench_gd_batch(quick)
%BENCH_GD_BATCH  Many starts at once: m = 1000 starts of a 2-D quadratic, 1000 steps.
%   gd_run with theta0 2-by-1000 (History 'none', GradTol 0: the same work as
%   the baseline) against the best vectorized Octave loop
%   X = X - eta*(A*X - b).  Target (issue 5): >= 10x.  Both end at the same
%   iterates (checked).  A second row times gd_run with the f history
%   (1000 x 1001 values), which the baseline does not compute.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
m = 1000;
K = 1000;
if quick
  m = 50;
  K = 50;
end
A = [3 1; 1 2];
b = [1; 1];
eta = 0.1;
prob = gd_quadratic(A, b);
randn('seed', 1);
X0 = randn(2, m);
t_gd = bench_best(@() gd_run(prob, X0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'none'), 5);
t_gdf = bench_best(@() gd_run(prob, X0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0), 3);
t_oct = bench_best(@() octave_loop(A, b, X0, eta, K), 5);
T = gd_run(prob, X0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0, 'History', 'none');
X = octave_loop(A, b, X0, eta, K);
err = max(abs(T(:) - X(:))) / max(abs(X(:)));
fprintf('\n[bench_gd_batch] %d starts of a 2-D quadratic, %d steps\n', m, K);
fprintf('  gd_run %s (with f history %s)   Octave vectorized loop %s   ratio %.1fx   (iterates agree to %.0e)\n', ...
        bench_fmt_time(t_gd), bench_fmt_time(t_gdf), bench_fmt_time(t_oct), t_oct / t_gd, err);
r = struct('name', {'bench_gd_batch', 'bench_gd_batch'}, ...
           'case', {sprintf('%d starts x %d steps, no history', m, K), sprintf('%d starts x %d steps, f history', m, K)}, ...
           'gdflow', {t_gd, t_gdf}, 'baseline', {t_oct, t_oct}, 'ratio', {t_oct / t_gd, t_oct / t_gdf}, ...
           'target', {'>=10', '-'}, 'note', {sprintf('agree to %.0e', err), 'baseline keeps no history'});
end

function X = octave_loop(A, b, X, eta, K)
for k = 1:K
  X = X - eta * (A * X - b);
end
end
