function bench_threads_worker(quick)
%BENCH_THREADS_WORKER  The timings of BENCH_THREADS, in a child process.
%   BENCH_THREADS starts octave-cli with OPENBLAS_NUM_THREADS set (OpenBLAS
%   reads it once, when it is loaded) and runs this function, which prints
%   one line "RESULT <key> <seconds>" per measurement (medians).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
n = 2e5;
p = 50;
d = 4000;
K = 20;
Kg = 1500;
if quick
  n = 4000;
  p = 5;
  d = 200;
  K = 3;
  Kg = 20;
end
randn('seed', 45);
rand('seed', 45);
X = [ones(n, 1), randn(n, p - 1)];
y = X * randn(p, 1) + 0.5 * randn(n, 1);
ls = gd_leastsq(X, y);
lsoff = ls;
lsoff.gram = 'off';
yl = double(rand(n, 1) < 0.5);
lg = gd_logistic(X, yl);
R = randn(d) / sqrt(d);
A = (R + R') / 2 + 3 * eye(d);
clear R
b = randn(d, 1);
qd = gd_quadratic(A, b);
m = n;
res = struct();
res.ls_pass = gd_per_iter(lsoff, zeros(p, 1), 1 / ls.L, K, 3);
res.lg_pass = gd_per_iter(lg, zeros(p, 1), 1 / lg.L, K, 3);
res.quad = gd_per_iter(qd, zeros(d, 1), 1 / qd.L, K, 3);
t = zeros(1, 3);
for i = 1:3
  t0 = tic;
  gd_run(ls, zeros(p, 1), 'StepSize', 1 / ls.L, 'MaxIter', Kg, 'GradTol', 0);
  t(i) = toc(t0);
end
res.ls_gram = median(t);
th = zeros(p, 1);
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  th = th - (1 / ls.L / m) * (X' * (X * th - y));
  t(k) = toc(t0);
end
res.oct_ls = median(t);
th = zeros(p, 1);
for k = 1:K
  t0 = tic;
  h = 1 ./ (1 + exp(-(X * th)));
  th = th - (1 / lg.L / m) * (X' * (h - yl));
  t(k) = toc(t0);
end
res.oct_lg = median(t);
x = zeros(d, 1);
for k = 1:K
  t0 = tic;
  x = x - (1 / qd.L) * (A * x - b);
  t(k) = toc(t0);
end
res.oct_quad = median(t);
keys = fieldnames(res);
for i = 1:numel(keys)
  fprintf('RESULT %s %.9g\n', keys{i}, res.(keys{i}));
end
end
