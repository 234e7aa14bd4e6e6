function r = bench_gd_small(quick)
%BENCH_GD_SMALL  Lecture size: a 2-D quadratic, 1e5 GD iterations with f history.
%   gd_run (History 'f', the .m wrapper included) against the idiomatic
%   Octave loop that records the same f history.  Both give the same
%   numbers (checked).  Target: >= 100x.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
K = 1e5;
if quick
  K = 1e3;
end
A = [3 1; 1 2];
b = [1; 1];
prob = gd_quadratic(A, b);
theta0 = [2; 1];
eta = 1e-3;   % small step: no early convergence, all K iterations run
t_gd = bench_median(@() gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0), 5);
t_oct = bench_median(@() octave_loop(A, b, theta0, eta, K), 2);
[~, info] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0);
fh = octave_loop(A, b, theta0, eta, K);
err = max(abs(info.f - fh)) / max(abs(fh));
fprintf('\n[bench_gd_small] 2-D quadratic, %d iterations, History ''f''\n', K);
fprintf('  gd_run %s   Octave loop %s   ratio %.0fx   (max rel. difference of f: %.1e)\n', ...
        bench_fmt_time(t_gd), bench_fmt_time(t_oct), t_oct / t_gd, err);
r = struct('name', 'bench_gd_small', 'case', sprintf('2-D quadratic, %g iters, f history', K), ...
           'gdflow', t_gd, 'baseline', t_oct, 'ratio', t_oct / t_gd, 'target', '>=100', ...
           'note', sprintf('f agrees to %.0e', err));
end

function fh = octave_loop(A, b, theta, eta, K)
fh = zeros(1, K + 1);
fh(1) = 0.5 * theta' * A * theta - b' * theta;
for k = 1:K
  g = A * theta - b;
  theta = theta - eta * g;
  fh(k + 1) = 0.5 * theta' * A * theta - b' * theta;
end
end
