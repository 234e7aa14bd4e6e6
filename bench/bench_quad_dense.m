function r = bench_quad_dense(quick)
%BENCH_QUAD_DENSE  Dense quadratic, d = 4000: GD per iteration against the Octave loop and the bandwidth bound.
%   gd_run's C loop (f and gradient per iteration; A x by dsymv, which reads
%   the lower triangle of the symmetric A only) against
%     theta = theta - eta * (A*theta - b)
%   (dgemv: all of A per iteration), and against bytes(A)/read bandwidth,
%   the time one read of the whole matrix takes at the bandwidth measured by
%   the suite.  Targets: >= 1.0x the Octave loop; per-iteration time within
%   1.15x of bytes(A)/bandwidth (ratio >= 0.87).  Bytes actually moved (the
%   lower triangle) are printed too.  Medians of several repetitions.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
d = 4000;
K = 30;
reps = 5;
if quick
  d = 300;
  K = 5;
  reps = 2;
end
randn('seed', 44);
R = randn(d) / sqrt(d);
A = (R + R') / 2 + 3 * eye(d);   % eigenvalues in about [1.6, 4.4]
clear R
b = randn(d, 1);
prob = gd_quadratic(A, b);
eta = 1 / prob.L;
theta0 = zeros(d, 1);
bw = read_bandwidth(quick);
bytesA = 8 * d * d;
bytes_moved = 8 * d * (d + 1) / 2 + 8 * 4 * d;
t_gd = gd_per_iter(prob, theta0, eta, K, reps);
t_oct = median(octave_loop(A, b, theta0, eta, K));
t_bound = bytesA / (bw.gbps * 1e9);
[thg, ~] = gd_run(prob, theta0, 'StepSize', eta, 'MaxIter', K, 'GradTol', 0);
tho = theta0;
for k = 1:K
  tho = tho - eta * (A * tho - b);
end
err = norm(thg - tho) / norm(tho);
fprintf('\n[bench_quad_dense] dense quadratic, d = %d (A is %.0f MB)\n', d, bytesA / 1e6);
fprintf('  gd_run %s/iter   Octave loop %s/iter   ratio %.2fx   (iterates agree to %.1e)\n', ...
        bench_fmt_time(t_gd), bench_fmt_time(t_oct), t_oct / t_gd, err);
fprintf('  bytes(A)/bandwidth = %s: gd_run at %.2fx of it; %s\n', bench_fmt_time(t_bound), t_gd / t_bound, ...
        bw_note(bytes_moved, t_gd, bw));
fprintf('  (the Octave loop moves all of A: %s)\n', bw_note(bytesA, t_oct, bw));
r = struct('name', {'bench_quad_dense', 'bench_quad_dense'}, ...
           'case', {sprintf('dense quadratic d=%d, per iter', d), 'dense quad vs bytes(A)/bandwidth'}, ...
           'gdflow', {t_gd, t_gd}, 'baseline', {t_oct, t_bound}, ...
           'ratio', {t_oct / t_gd, t_bound / t_gd}, 'target', {'>=1.0', '>=0.87'}, ...
           'note', {sprintf('theta agrees to %.0e', err), 'dsymv: lower triangle'});
end

function t = octave_loop(A, b, theta, eta, K)
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  theta = theta - eta * (A * theta - b);
  t(k) = toc(t0);
end
end
