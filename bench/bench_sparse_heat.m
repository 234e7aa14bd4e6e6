function r = bench_sparse_heat(quick)
%BENCH_SPARSE_HEAT  The heat equation as a gradient flow: 2-D Laplacian on a 1000 x 1000 grid.
%   A = kron(I, T) + kron(T, I), T = tridiag(-1, 2, -1), d = 1e6 unknowns,
%   5e6 nonzeros (CSC); f = 1/2 theta'A theta - b'theta is the (discrete)
%   Dirichlet energy and its gradient flow theta' = b - A theta the heat
%   equation.  Per step, against Octave's sparse A*x loops doing the same:
%     GD / gf_run 'euler'   one A*x        x = x - h*(A*x - b)
%     gf_run 'rk4'          four A*x       the classic RK4 step
%     gf_run 'implicit'     (I + hA) x+ = x + h b: gdflow solves it by
%                           conjugate gradients in C (tolerance NewtonTol
%                           1e-12; the C library has no sparse Cholesky);
%                           Octave's baseline is chol(I + hA) (CHOLMOD,
%                           fill-reducing order) once, then two triangular
%                           solves per step, through the interpreter.
%   Targets: GD, euler, rk4 at least as fast as the Octave loops (>= 1.0x).
%   Bytes per A*x: the CSC arrays (8-byte values and row indices), the
%   column pointers and three vectors.  Medians of several repetitions.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
N = 1000;
K = 20;      % GD iterations / explicit steps per timed run
Ki = 5;      % implicit steps
reps = 3;
if quick
  N = 30;
  K = 5;
  Ki = 2;
  reps = 2;
end
d = N * N;
e = ones(N, 1);
T = spdiags([-e, 2 * e, -e], -1:1, N, N);
A = kron(speye(N), T) + kron(T, speye(N));
b = ones(d, 1) / d;
prob = gd_quadratic(A, b);
theta0 = zeros(d, 1);
bw = read_bandwidth(quick);
nz = nnz(A);
bytes = 16 * nz + 8 * (d + 1) + 3 * 8 * d;
h = 0.2;                 % explicit stability limit: 2 / lambda_max(A) = 0.25
hi = 2.0;                % implicit: any step is stable
tsp = [0, K * h / 2, K * h];
tspi = [0, Ki * hi / 2, Ki * hi];

% GD (= gf_run euler with h = eta)
t_gd = gd_per_iter(prob, theta0, h, K, reps);
t_oct = median(loop_euler(A, b, theta0, h, K));
% gf_run euler and rk4 (outputs only at three times)
t_eu = gf_per_step(prob, theta0, tsp, 'euler', h, reps);
t_rk = gf_per_step(prob, theta0, tsp, 'rk4', h, reps);
t_ork = median(loop_rk4(A, b, theta0, h, K));
% implicit: CG in C against sparse Cholesky in Octave
ti = zeros(1, max(1, reps - 1));
for i = 1:numel(ti)
  t0 = tic;
  [~, Yi, infoi] = gf_run(prob, theta0, tspi, 'Method', 'implicit', 'Step', hi); %#ok<ASGLU>
  ti(i) = toc(t0);
end
t_imp = median(ti);
t0 = tic;
[Rc, ~, Pv] = chol(speye(d) + hi * A, 'vector');
t_chol = toc(t0);
x = theta0;
ts = zeros(1, Ki);
for k = 1:Ki
  t0 = tic;
  rhs = x + hi * b;
  z = zeros(d, 1);
  z(Pv) = Rc \ (Rc' \ rhs(Pv));
  x = z;
  ts(k) = toc(t0);
end
t_solve = median(ts);
t_oct_imp = t_chol + Ki * t_solve;
err_imp = norm(Yi(end, :)' - x) / norm(x);
% the explicit flows agree with the Octave loop
[~, Ye] = gf_run(prob, theta0, tsp, 'Method', 'rk4', 'Step', h);
xr = theta0;
for k = 1:K
  xr = rk4_step(A, b, xr, h);
end
err_rk = norm(Ye(end, :)' - xr) / norm(xr);

fprintf('\n[bench_sparse_heat] 2-D Laplacian %d x %d: d = %d, nnz = %d\n', N, N, d, nz);
fprintf('  GD          gd_run %s/iter   Octave x - h*(A*x - b) %s/iter   ratio %.2fx\n', ...
        bench_fmt_time(t_gd), bench_fmt_time(t_oct), t_oct / t_gd);
fprintf('              %s\n', bw_note(bytes, t_gd, bw));
fprintf('  euler       gf_run %s/step   ratio %.2fx against the same Octave loop\n', bench_fmt_time(t_eu), t_oct / t_eu);
fprintf('  rk4         gf_run %s/step   Octave RK4 loop %s/step   ratio %.2fx   (states agree to %.1e)\n', ...
        bench_fmt_time(t_rk), bench_fmt_time(t_ork), t_ork / t_rk, err_rk);
fprintf('  implicit    gf_run (CG) %d steps of h = %g: %s (whole call)   Octave chol %s + %d x solve %s = %s   ratio %.2fx\n', ...
        Ki, hi, bench_fmt_time(t_imp), bench_fmt_time(t_chol), Ki, bench_fmt_time(t_solve), ...
        bench_fmt_time(t_oct_imp), t_oct_imp / t_imp);
fprintf('              (states agree to %.1e; %d CG-solved steps cost %s each, one Cholesky solve %s)\n', ...
        err_imp, Ki, bench_fmt_time(t_imp / Ki), bench_fmt_time(t_solve));
r = struct('name', {'bench_sparse_heat', 'bench_sparse_heat', 'bench_sparse_heat', 'bench_sparse_heat'}, ...
           'case', {sprintf('sparse Laplacian d=%g, GD per iter', d), 'sparse, gf_run euler per step', ...
                    'sparse, gf_run rk4 per step', sprintf('sparse, implicit %d steps (CG vs chol)', Ki)}, ...
           'gdflow', {t_gd, t_eu, t_rk, t_imp}, 'baseline', {t_oct, t_oct, t_ork, t_oct_imp}, ...
           'ratio', {t_oct / t_gd, t_oct / t_eu, t_ork / t_rk, t_oct_imp / t_imp}, ...
           'target', {'>=1.0', '>=1.0', '>=1.0', 'measure'}, ...
           'note', {sprintf('%.1f GB/s', bytes / t_gd / 1e9), '', sprintf('agree to %.0e', err_rk), ...
                    sprintf('agree to %.0e', err_imp)});
end

function t = gf_per_step(prob, theta0, tsp, method, h, reps)
tt = zeros(1, reps);
for i = 1:reps
  [~, ~, info] = gf_run(prob, theta0, tsp, 'Method', method, 'Step', h);
  tt(i) = info.time / info.nsteps;
end
t = median(tt);
end

function t = loop_euler(A, b, x, h, K)
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  x = x - h * (A * x - b);
  t(k) = toc(t0);
end
end

function t = loop_rk4(A, b, x, h, K)
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  x = rk4_step(A, b, x, h);
  t(k) = toc(t0);
end
end

function x = rk4_step(A, b, x, h)
k1 = b - A * x;
k2 = b - A * (x + (h / 2) * k1);
k3 = b - A * (x + (h / 2) * k2);
k4 = b - A * (x + h * k3);
x = x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
end
