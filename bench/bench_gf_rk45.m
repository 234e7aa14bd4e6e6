function r = bench_gf_rk45(quick)
%BENCH_GF_RK45  gf_run rk45 against Octave's ode45 at the same tolerances.
%   Quadratics with d = 2, 50, 500 (eigenvalues from 0.1 to 10) and the 2-D
%   Rosenbrock flow, RelTol 1e-6, AbsTol 1e-8, tspan [0 10].  Both solvers
%   return their own steps; the error is the largest over those steps,
%   relative to the largest norm of the solution, measured against the closed
%   form (gf_exact) or, for Rosenbrock, against gf_run at RelTol 1e-12 with
%   dense output at the same times.
%   Targets: >= 300x at d = 2 and on Rosenbrock, >= 30x at d = 50, never
%   slower at d = 500, and an error no larger than ode45's.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
dims = [2 50 500];
T = 10;
if quick
  dims = [2 10];
  T = 1;
end
rt = 1e-6;
at = 1e-8;
opts = odeset('RelTol', rt, 'AbsTol', at);
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_gf_rk45] gf_run rk45 vs ode45, RelTol %g, AbsTol %g, tspan [0 %g]\n', rt, at, T);
fprintf('  %-16s %8s %8s %12s %12s %9s %11s %11s\n', 'problem', 'steps', 'ode45', 'gf_run', 'ode45', 'ratio', 'err gdflow', 'err ode45');
targets = {'>=300', '>=30', '>=1'};
for i = 1:numel(dims)
  d = dims(i);
  randn('seed', d);
  [Q, ~] = qr(randn(d));
  A = Q * diag(logspace(-1, 1, d)) * Q';
  A = (A + A') / 2;
  b = randn(d, 1);
  theta0 = randn(d, 1);
  prob = gd_quadratic(A, b);
  rhs = @(t, x) b - A * x;
  [t1, Y1, info] = gf_run(prob, theta0, [0 T], 'RelTol', rt, 'AbsTol', at);
  [t2, Y2] = ode45(rhs, [0 T], theta0, opts);
  reps = max(1, round(0.2 / max(info.time, 1e-6)));
  t_gf = bench_median(@() gf_run(prob, theta0, [0 T], 'RelTol', rt, 'AbsTol', at), min(reps, 20));
  t_ode = bench_median(@() ode45(rhs, [0 T], theta0, opts), 1 + (d < 100));
  e1 = path_error(Y1, gf_exact(prob, theta0, t1));
  e2 = path_error(Y2, gf_exact(prob, theta0, t2));
  fprintf('  %-16s %8d %8d %12s %12s %8.0fx %11.2e %11.2e\n', sprintf('quadratic d=%d', d), numel(t1) - 1, ...
          numel(t2) - 1, bench_fmt_time(t_gf), bench_fmt_time(t_ode), t_ode / t_gf, e1, e2);
  r(end + 1) = struct('name', 'bench_gf_rk45', 'case', sprintf('rk45 vs ode45, quadratic d = %d', d), ...
                      'gdflow', t_gf, 'baseline', t_ode, 'ratio', t_ode / t_gf, 'target', targets{min(i, 3)}, ...
                      'note', sprintf('err %.1e vs %.1e', e1, e2)); %#ok<AGROW>
end
% Rosenbrock
prob = gd_testfun('rosenbrock');
x0 = [-1.2; 1];
Tr = 2;
rhs = @(t, x) -[-400 * x(1) * (x(2) - x(1)^2) - 2 * (1 - x(1)); 200 * (x(2) - x(1)^2)];
[t1, Y1] = gf_run(prob, x0, [0 Tr], 'RelTol', rt, 'AbsTol', at);
[t2, Y2] = ode45(rhs, [0 Tr], x0, opts);
[~, R1] = gf_run(prob, x0, t1, 'RelTol', 1e-12, 'AbsTol', 1e-14);
[~, R2] = gf_run(prob, x0, t2, 'RelTol', 1e-12, 'AbsTol', 1e-14);
t_gf = bench_median(@() gf_run(prob, x0, [0 Tr], 'RelTol', rt, 'AbsTol', at), 20);
t_ode = bench_median(@() ode45(rhs, [0 Tr], x0, opts), 2);
e1 = path_error(Y1, R1);
e2 = path_error(Y2, R2);
fprintf('  %-16s %8d %8d %12s %12s %8.0fx %11.2e %11.2e\n', 'rosenbrock 2-D', numel(t1) - 1, numel(t2) - 1, ...
        bench_fmt_time(t_gf), bench_fmt_time(t_ode), t_ode / t_gf, e1, e2);
r(end + 1) = struct('name', 'bench_gf_rk45', 'case', sprintf('rk45 vs ode45, Rosenbrock, [0 %g]', Tr), ...
                    'gdflow', t_gf, 'baseline', t_ode, 'ratio', t_ode / t_gf, 'target', '>=300', ...
                    'note', sprintf('err %.1e vs %.1e', e1, e2));
end

function e = path_error(Y, R)
e = max(sqrt(sum((Y - R) .^ 2, 2))) / max(sqrt(sum(R .^ 2, 2)));
end
