function r = bench_gf_batch(quick)
%BENCH_GF_BATCH  gf_run with many starts (theta0 d-by-m) in one call, fixed-step RK4.
%   Issue 15 (round 5), flow item 2.  Method 'rk4', Step 0.01 on
%     d = 2   quadratic [3 1; 1 2], 1000 starts x 1000 steps
%     d = 50  random SPD quadratic (eigenvalues 0.1 .. 10), 1000 starts x 100
%             steps (the path Theta is n x d x m: 40 MB)
%   against
%     (a) a loop of single gf_run calls, one per start (the same numbers,
%         checked bit for bit);
%     (b) Octave's idiomatic vectorized RK4 over the d x m matrix, keeping
%         the path as gf_run does (the last iterates printed, agreeing to
%         rounding).
%   gf_run also returns f and norm(grad f) of every start at every step
%   (info), which (b) does not compute.  Medians of 3 interleaved runs.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
m = 1000;
Ks = [1000 100];
reps = 3;
if quick
  m = 50;
  Ks = [50 20];
  reps = 1;
end
h = 0.01;
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_gf_batch] gf_run rk4, theta0 d x m in one call (medians of %d interleaved runs)\n', reps);
fprintf('  %-22s %11s %11s %11s %9s %9s %s\n', 'case', 'gf_run dxm', 'loop calls', 'Octave vec', 'vs loop', 'vs vec', 'agreement');
dims = [2 50];
for q = 1:2
  d = dims(q);
  K = Ks(q);
  if d == 2
    A = [3 1; 1 2];
    b = [1; 1];
  else
    randn('seed', 50);
    [Q, ~] = qr(randn(d));
    A = Q * diag(logspace(-1, 1, d)) * Q';
    A = (A + A') / 2;
    b = randn(d, 1);
  end
  prob = gd_quadratic(A, b);
  randn('seed', 3);
  X0 = randn(d, m);
  T = K * h;
  t = zeros(3, reps);
  for k = 1:reps
    t0 = tic;
    [~, Th] = gf_run(prob, X0, [0 T], 'Method', 'rk4', 'Step', h);
    t(1, k) = toc(t0);
    t0 = tic;
    Tl = zeros(K + 1, d, m);
    for j = 1:m
      [~, Tl(:, :, j)] = gf_run(prob, X0(:, j), [0 T], 'Method', 'rk4', 'Step', h);
    end
    t(2, k) = toc(t0);
    t0 = tic;
    P = octave_rk4(A, b, X0, h, K);
    t(3, k) = toc(t0);
  end
  tm = median(t, 2);
  same = isequal(Th, Tl);
  last = squeeze(Th(end, :, :));
  err = max(abs(last(:) - P(:, end))) / max(abs(P(:, end)));
  fprintf('  d = %2d, %d x %4d steps %11s %11s %11s %8.1fx %8.1fx  %s, vec %.0e\n', d, m, K, ...
          bench_fmt_time(tm(1)), bench_fmt_time(tm(2)), bench_fmt_time(tm(3)), tm(2) / tm(1), ...
          tm(3) / tm(1), ternary(same, 'loop bit for bit', 'loop DIFFERS'), err);
  r(end + 1) = struct('name', 'bench_gf_batch', 'case', sprintf('rk4 d = %d, %d starts x %d steps vs vectorized', d, m, K), ...
                      'gdflow', tm(1), 'baseline', tm(3), 'ratio', tm(3) / tm(1), 'target', '-', ...
                      'note', sprintf('vs loop of calls %.1fx', tm(2) / tm(1))); %#ok<AGROW>
end
end

function P = octave_rk4(A, b, X, h, K)
% the vectorized RK4 a user would write, keeping the path (d*m x K+1)
P = zeros(numel(X), K + 1);
P(:, 1) = X(:);
for k = 1:K
  k1 = b - A * X;
  k2 = b - A * (X + (h / 2) * k1);
  k3 = b - A * (X + (h / 2) * k2);
  k4 = b - A * (X + h * k3);
  X = X + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  P(:, k + 1) = X(:);
end
P = P(:, end);
end

function s = ternary(c, a, b)
if c
  s = a;
else
  s = b;
end
end
