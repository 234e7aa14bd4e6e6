function r = bench_sparse_design(quick)
%BENCH_SPARSE_DESIGN  Least squares and logistic regression with a sparse X (1e6 x 1e5).
%   A text-classification-shaped X: m = 1e6 rows, p = 1e5 columns, 10
%   nonzeros per row at random columns, values in (0, 1) (tf-idf-like); it
%   takes 160 MB sparse and would take 800 GB dense.  gd_leastsq and
%   gd_logistic keep it sparse (issue 14); gd_run evaluates f and the
%   gradient in C from the compressed columns (z = X*theta by a column
%   scatter, the per-row loss, then one gather per column, threads over
%   columns).  Per iteration, against the Octave loops on the same sparse X
%     least squares  theta = theta - (eta/m) * (X' * (X*theta - y))
%     logistic       theta = theta - (eta/m) * (X' * (1 ./ (1 + exp(-X*theta)) - y))
%   (the loops compute no f; gd_run computes f too; the parentheses matter:
%   written eta*X'*(...)/m, Octave forms eta*X' -- a scaled transposed copy
%   of X -- every iteration, and the loop is several times slower).  The iterates are
%   checked against the loops; the constructors' cost is printed (the L
%   bound: 5 power iterations of |X|'*|X|).  Medians of several repetitions,
%   gdflow and the loops interleaved; the ratio is the median of the
%   repetitions' ratios.
%   Target: at least as fast as the Octave loops (>= 1.0x).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
m = 1e6;
p = 1e5;
K = 10;
reps = 5;
if quick
  m = 2e4;
  p = 2e3;
  K = 3;
  reps = 2;
end
per = 10;
rand('seed', 14);
i = repmat((1:m)', per, 1);
j = 1 + floor(p * rand(m * per, 1));
X = sparse(i, j, rand(m * per, 1), m, p);
clear i j
w = zeros(p, 1);
w(1:100) = 4 * rand(100, 1) - 2;
yl = double(rand(m, 1) < 1 ./ (1 + exp(-(X * w))));
y = X * w + 0.1 * (rand(m, 1) - 0.5);
t0 = tic;
pls = gd_leastsq(X, y);
t_ls_con = toc(t0);
t0 = tic;
plg = gd_logistic(X, yl);
t_lg_con = toc(t0);
theta0 = zeros(p, 1);
eta_ls = 1 / pls.L;
eta_lg = 1 / plg.L;
% interleaved: each repetition times gd_run and then the Octave loop, so
% that both see the same load (the machine is shared); the ratio reported is
% the median of the repetitions' ratios
T = zeros(4, reps);
for r = 1:reps
  T(1, r) = gd_per_iter(pls, theta0, eta_ls, K, 1);
  [T(2, r), th_ols] = loop_ls(X, y, theta0, eta_ls, K, 1);
  T(3, r) = gd_per_iter(plg, theta0, eta_lg, K, 1);
  [T(4, r), th_olg] = loop_lg(X, yl, theta0, eta_lg, K, 1);
end
t_ls = median(T(1, :));
t_ols = median(T(2, :));
t_lg = median(T(3, :));
t_olg = median(T(4, :));
ratio_ls = median(T(2, :) ./ T(1, :));
ratio_lg = median(T(4, :) ./ T(3, :));
th_ls = gd_run(pls, theta0, 'StepSize', eta_ls, 'MaxIter', K, 'GradTol', 0);
th_lg = gd_run(plg, theta0, 'StepSize', eta_lg, 'MaxIter', K, 'GradTol', 0);
err_ls = norm(th_ls - th_ols) / norm(th_ols);
err_lg = norm(th_lg - th_olg) / norm(th_olg);
fprintf('\n[bench_sparse_design] sparse X %d x %d, %d nonzeros per row (nnz = %d), %d iterations\n', ...
        m, p, per, nnz(X), K);
fprintf('  constructors: gd_leastsq %s, gd_logistic %s (L: a certified bound; X stays sparse: %d)\n', ...
        bench_fmt_time(t_ls_con), bench_fmt_time(t_lg_con), issparse(pls.X) && issparse(plg.X));
fprintf('  least squares  gd_run %s/iter (f and gradient)   Octave loop %s/iter (gradient only)   ratio %.2fx   (theta agrees to %.1e)\n', ...
        bench_fmt_time(t_ls), bench_fmt_time(t_ols), ratio_ls, err_ls);
fprintf('  logistic       gd_run %s/iter (f and gradient)   Octave loop %s/iter (gradient only)   ratio %.2fx   (theta agrees to %.1e)\n', ...
        bench_fmt_time(t_lg), bench_fmt_time(t_olg), ratio_lg, err_lg);
r = struct('name', {'bench_sparse_design', 'bench_sparse_design'}, ...
           'case', {sprintf('sparse X %gx%g LS, per iter', m, p), sprintf('sparse X %gx%g logistic, per iter', m, p)}, ...
           'gdflow', {t_ls, t_lg}, 'baseline', {t_ols, t_olg}, ...
           'ratio', {ratio_ls, ratio_lg}, 'target', {'>=1.0', '>=1.0'}, ...
           'note', {sprintf('theta agrees to %.0e', err_ls), sprintf('theta agrees to %.0e', err_lg)});
end

function [t, th] = loop_ls(X, y, theta0, eta, K, reps)
m = size(X, 1);
tt = zeros(1, reps);
for r = 1:reps
  th = theta0;
  ts = zeros(1, K);
  for k = 1:K
    t0 = tic;
    th = th - (eta / m) * (X' * (X * th - y));
    ts(k) = toc(t0);
  end
  tt(r) = median(ts);
end
t = median(tt);
end

function [t, th] = loop_lg(X, y, theta0, eta, K, reps)
m = size(X, 1);
tt = zeros(1, reps);
for r = 1:reps
  th = theta0;
  ts = zeros(1, K);
  for k = 1:K
    t0 = tic;
    th = th - (eta / m) * (X' * (1 ./ (1 + exp(-(X * th))) - y));
    ts(k) = toc(t0);
  end
  tt(r) = median(ts);
end
t = median(tt);
end
