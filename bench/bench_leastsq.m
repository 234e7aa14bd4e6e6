function r = bench_leastsq(quick)
%BENCH_LEASTSQ  Least squares at n = 2e5, p = 50: one pass over X, and the Gram form.
%   (1) One pass over X per iteration (the problem's Gram form switched off
%       with prob.gram = 'off'): the C loop's time per iteration against the
%       Octave loop theta = theta - (alpha/m) * (X' * (X*theta - y)), which
%       reads X twice.  Targets: >= 1.8x, and >= 70% of the read bandwidth
%       measured by the suite (bytes per iteration: X and y once).
%   (2) The Gram form, chosen automatically: a whole gd_run call of 1500
%       iterations (conversion, X'X by dsyrk, every iteration) against 1500
%       times the Octave loop's median iteration.  Target: >= 100x, with the
%       same iterates (checked against the Octave loop) and info.f checked
%       against the exact ||X theta - y||^2/(2m).
%   The literal coursework line theta - alpha/m * X'*(X*theta - y) is timed
%   too (Octave forms alpha/m * X', a scaled copy of X, every iteration).
%   Times are medians of several repetitions.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
n = 2e5;
p = 50;
K = 40;      % iterations per timed run of the one-pass path
Kg = 1500;   % iterations of the Gram-form run
Kc = 100;    % iterations compared with the Octave loop
reps = 5;
if quick
  n = 4000;
  p = 5;
  K = 5;
  Kg = 50;
  Kc = 20;
  reps = 2;
end
randn('seed', 42);
X = [ones(n, 1), randn(n, p - 1)];
y = X * randn(p, 1) + 0.5 * randn(n, 1);
prob = gd_leastsq(X, y);
m = n;
alpha = 1 / prob.L;
theta0 = zeros(p, 1);
bw = read_bandwidth(quick);
bytes = 8 * (n * p + n);

% (1) one pass over X per iteration
pp = prob;
pp.gram = 'off';
t_pass = gd_per_iter(pp, theta0, alpha, K, reps);
t_oct = median(octave_loop(X, y, theta0, alpha, K));
t_lit = median(literal_loop(X, y, theta0, alpha, 1 + ~quick));
[note, frac] = bw_note(bytes, t_pass, bw);
fprintf('\n[bench_leastsq] least squares, n = %d, p = %d (X is %.0f MB)\n', n, p, 8 * n * p / 1e6);
fprintf('  one pass per iteration : gd_run %s/iter   Octave loop %s/iter   ratio %.2fx\n', ...
        bench_fmt_time(t_pass), bench_fmt_time(t_oct), t_oct / t_pass);
fprintf('                           %s\n', note);
fprintf('                           (Octave, literal theta - alpha/m * X''*(X*theta - y): %s/iter)\n', bench_fmt_time(t_lit));

% (2) the Gram form, automatic: the whole call
tc = zeros(1, max(2, reps - 2));
for i = 1:numel(tc)
  t0 = tic;
  [~, info] = gd_run(prob, theta0, 'StepSize', alpha, 'MaxIter', Kg, 'GradTol', 0); %#ok<ASGLU>
  tc(i) = toc(t0);
end
t_gram = median(tc);
t_oct_all = Kg * t_oct;
% same iterates as the Octave loop; f against the exact residual
[thg, infog] = gd_run(prob, theta0, 'StepSize', alpha, 'MaxIter', Kc, 'GradTol', 0);
tho = theta0;
for k = 1:Kc
  tho = tho - (alpha / m) * (X' * (X * tho - y));
end
err_theta = norm(thg - tho) / norm(tho);
[thK, infoK] = gd_run(prob, theta0, 'StepSize', alpha, 'MaxIter', Kg, 'GradTol', 0);
res = X * thK - y;
f_exact = (res' * res) / (2 * m);
err_f = abs(infoK.f(end) - f_exact) / f_exact;
fprintf('  Gram form, %d iters : gd_run %s (whole call)   Octave loop %d x %s = %s   ratio %.0fx\n', ...
        Kg, bench_fmt_time(t_gram), Kg, bench_fmt_time(t_oct), bench_fmt_time(t_oct_all), t_oct_all / t_gram);
fprintf('                           iterates vs the Octave loop after %d: %.1e relative; f(end) vs exact: %.1e relative\n', ...
        Kc, err_theta, err_f);

r = struct('name', {'bench_leastsq', 'bench_leastsq', 'bench_leastsq'}, ...
           'case', {sprintf('LS one pass, n=%g p=%d, per iter', n, p), ...
                    'LS one pass vs read bandwidth', ...
                    sprintf('LS Gram form, %d iters, whole call', Kg)}, ...
           'gdflow', {t_pass, t_pass, t_gram}, ...
           'baseline', {t_oct, bytes / (bw.gbps * 1e9), t_oct_all}, ...
           'ratio', {t_oct / t_pass, frac, t_oct_all / t_gram}, ...
           'target', {'>=1.8', '>=0.70', '>=100'}, ...
           'note', {sprintf('%.1f GB/s', bytes / t_pass / 1e9), ...
                    sprintf('fraction of %.1f GB/s', bw.gbps), ...
                    sprintf('theta %.0e, f %.0e', err_theta, err_f)});
if infog.iterations ~= Kc
  r(3).note = [r(3).note ' (stopped early)'];
end
end

function t = octave_loop(X, y, theta, alpha, K)
m = size(X, 1);
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  theta = theta - (alpha / m) * (X' * (X * theta - y));
  t(k) = toc(t0);
end
end

function t = literal_loop(X, y, theta, alpha, K)
m = size(X, 1);
t = zeros(1, K);
for k = 1:K
  t0 = tic;
  theta = theta - alpha / m * X' * (X * theta - y);
  t(k) = toc(t0);
end
end
