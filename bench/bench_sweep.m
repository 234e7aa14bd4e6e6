function r = bench_sweep(quick)
%BENCH_SWEEP  gd_sweep (issue 18): the process backend against the serial one, and the
%   serial path's overhead against a hand-written loop of gd_run calls.
%   R = BENCH_SWEEP(QUICK) measures, medians of 3 runs each:
%   (1) 400 configurations of about 20 ms (least squares, 2000 x 20, a fixed
%       number of steps calibrated to 20 ms): parallel (parcellfun, one
%       worker per core) against serial; target >= 1.7x on 2 cores
%   (2) 10,000 configurations of about 50 us (the lecture's 2-D bowl,
%       kappa x eta*L, 20 steps): parallel against serial; target >= 1
%   (3) the same 10,000 serially: a hand-written loop (maker, gd_run, keep
%       f - f*, iterations, exitflag) against gd_sweep's serial backend;
%       target: gd_sweep within 2x of the loop
%   It prints the load average (the machine may be shared) and checks that
%   the parallel results equal the serial ones.  QUICK: 40 and 1,000.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1
  quick = false;
end
reps = 3;
n1 = 400;
side = 100;
if quick
  n1 = 40;
  side = 32;
end
par = exist('OCTAVE_VERSION', 'builtin') ~= 0 && ~isempty(pkg('list', 'parallel'));
fprintf('\n[bench_sweep] load average before: %s', fileread('/proc/loadavg'));
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});

% ---- (1) 400 runs of ~20 ms
rand('state', 1);  randn('state', 1);
X = [ones(2000, 1), randn(2000, 19)];
y = X * randn(20, 1) + 0.1 * randn(2000, 1);
prob = gd_leastsq(X, y);
k = 200;
for c = 1:3                                   % calibrate to 20 ms a run
  t = bench_median(@() gd_run(prob, zeros(20, 1), 'StepSize', 1 / prob.L, 'Iterations', k), 3);
  k = max(10, round(k * 0.02 / t));
end
t = bench_median(@() gd_run(prob, zeros(20, 1), 'StepSize', 1 / prob.L, 'Iterations', k), 3);
ax = {'StepSizeL', linspace(0.1, 1.9, n1 / 20), 'Seed', 1:20};
fx = {'Iterations', k};
fprintf('  (1) %d configurations of %s each (least squares 2000 x 20, %d steps)\n', n1, bench_fmt_time(t), k);
[ts, Ss] = timed(@() gd_sweep(prob, zeros(20, 1), 'Axes', ax, 'Fixed', fx, 'Backend', 'serial'), reps);
if par
  [tp, Sp] = timed(@() gd_sweep(prob, zeros(20, 1), 'Axes', ax, 'Fixed', fx, 'Backend', 'parallel'), reps);
  same = isequaln(Ss.gap, Sp.gap) && isequaln(Ss.rate, Sp.rate);
  fprintf('      serial %s (runs %s)   parallel %s (runs %s, %d workers)   speed-up %.2fx   same results: %d\n', ...
          bench_fmt_time(median(ts)), spread(ts), bench_fmt_time(median(tp)), spread(tp), Sp.workers, ...
          median(ts) / median(tp), same);
  r(end + 1) = struct('name', 'bench_sweep', 'case', sprintf('%d runs of 20 ms: parallel/serial', n1), ...
                      'gdflow', median(tp), 'baseline', median(ts), 'ratio', median(ts) / median(tp), ...
                      'target', '>=1.7', 'note', sprintf('%d workers, same results %d', Sp.workers, same));
else
  fprintf('      octave-parallel not installed: parallel skipped\n');
end

% ---- (2) 10,000 runs of ~50 us: the 2-D bowl
maker = @(kappa) gd_testfun('ellipse', kappa);
ax = {'kappa', logspace(0, 3, side), 'StepSizeL', linspace(0.05, 1.95, side)};
fx = {'MaxIter', 20, 'GradTol', 0};
n2 = side ^ 2;
[ts2, Ss2] = timed(@() gd_sweep(maker, [1; 1], 'Axes', ax, 'Fixed', fx, 'Backend', 'serial'), reps);
fprintf('  (2) %d configurations of the 2-D bowl, 20 steps: %s per configuration serially\n', n2, ...
        bench_fmt_time(median(ts2) / n2));
if par
  [tp2, Sp2] = timed(@() gd_sweep(maker, [1; 1], 'Axes', ax, 'Fixed', fx, 'Backend', 'parallel'), reps);
  same = isequaln(Ss2.gap, Sp2.gap) && isequaln(Ss2.rate, Sp2.rate);
  fprintf('      serial %s (runs %s)   parallel %s (runs %s, chunks of %d)   speed-up %.2fx   same results: %d\n', ...
          bench_fmt_time(median(ts2)), spread(ts2), bench_fmt_time(median(tp2)), spread(tp2), Sp2.chunk, ...
          median(ts2) / median(tp2), same);
  r(end + 1) = struct('name', 'bench_sweep', 'case', sprintf('%d runs of 50 us: parallel/serial', n2), ...
                      'gdflow', median(tp2), 'baseline', median(ts2), 'ratio', median(ts2) / median(tp2), ...
                      'target', '>=1', 'note', sprintf('chunks of %d, same results %d', Sp2.chunk, same));
end

% ---- (3) serial overhead against a hand-written loop
kap = ax{2};
etl = ax{4};
tl = zeros(1, reps);
for rep = 1:reps
  t0 = tic;
  G = NaN(side, side);
  for j = 1:side
    for i = 1:side
      p = maker(kap(i));
      [~, info] = gd_run(p, [1; 1], 'MaxIter', 20, 'GradTol', 0, 'StepSize', etl(j) / p.L);
      G(i, j) = info.f(end) - p.f_star;
    end
  end
  tl(rep) = toc(t0);
end
same = isequal(G, Ss2.gap);
tn = timed(@() gd_sweep(maker, [1; 1], 'Axes', ax, 'Fixed', fx, 'Backend', 'serial', 'Theory', false), reps);
fprintf(['  (3) hand-written loop %s (runs %s)   gd_sweep serial %s: overhead %.2fx;   with Theory false %s ' ...
         '(runs %s): %.2fx   same f - f*: %d\n'], bench_fmt_time(median(tl)), spread(tl), bench_fmt_time(median(ts2)), ...
        median(ts2) / median(tl), bench_fmt_time(median(tn)), spread(tn), median(tn) / median(tl), same);
r(end + 1) = struct('name', 'bench_sweep', 'case', sprintf('%d runs serial, Theory off: loop/gd_sweep', n2), ...
                    'gdflow', median(tn), 'baseline', median(tl), 'ratio', median(tl) / median(tn), ...
                    'target', '>=0.5', 'note', 'no theory columns');
r(end + 1) = struct('name', 'bench_sweep', 'case', sprintf('%d runs serial: loop/gd_sweep', n2), ...
                    'gdflow', median(ts2), 'baseline', median(tl), 'ratio', median(tl) / median(ts2), ...
                    'target', '>=0.5', 'note', sprintf('same f - f* %d', same));
fprintf('  load average after: %s', fileread('/proc/loadavg'));
end

function [t, S] = timed(fun, reps)
t = zeros(1, reps);
for k = 1:reps
  t0 = tic;
  S = fun();
  t(k) = toc(t0);
end
end

function s = spread(t)
s = sprintf('%.2f-%.2f s', min(t), max(t));
end
