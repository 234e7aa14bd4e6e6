function r = bench_gd_batch(quick)
%BENCH_GD_BATCH  Many starts at once: gd_run with theta0 d-by-m against Octave's vectorized loop.
%   Cases (issue 15 item 2; medians of interleaved repetitions, 21 for the
%   millisecond cases and 7 for d = 50, so that both sides of a ratio meet
%   the same load):
%     1. d = 2 quadratic, 1000 starts x 1000 steps (GradTol 0: the same work
%        as the baseline X = X - eta*(A*X - b)).  gd_run with History 'none'
%        keeps what the baseline keeps (the last iterates, plus info with
%        f and ||grad f|| of every start): target >= 10x.  A second row keeps
%        the default History 'f' (f and ||grad f|| of every start at every
%        step: two 1000 x 1001 arrays the baseline does not compute).
%     2. d = 50 random SPD quadratic, the same sizes: target >= 2x (both
%        rows as above).
%     3. gf_run with theta0 d x m (Method 'rk4', fixed Step, d = 2, 200
%        starts x 200 steps) in one C call against the former m.-file loop
%        of one gf_run_mex call per start (reproduced here).
%   The iterates of both sides agree (printed).  Beside the wall-clock
%   ratio, the ratio of the process's CPU time (cputime) of the same runs,
%   which a loaded machine does not move as much.  For d = 50 the time of
%   each side is split (Octave: the product A*X alone, the rest; gdflow: the
%   C loop, info.time) and set against the machine's dgemm rate
%   (private/read_flops.m): the flop limit of the products.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
m = 1000;
K = 1000;
reps = [21, 7];   % d = 2 (a few ms: more repetitions against the noise of a shared machine), d = 50
if quick
  m = 50;
  K = 50;
  reps = [3, 3];
end
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_gd_batch] many starts at once (medians of %d / %d interleaved runs)\n', reps(1), reps(2));

% ---- 1. and 2.: gd_run on quadratics ----
randn('seed', 1);
Q = randn(50);
cases = {struct('d', 2, 'A', [3 1; 1 2], 'b', [1; 1], 'eta', 0.1, 'target', '>=10'), ...
         struct('d', 50, 'A', Q' * Q / 50 + eye(50), 'b', randn(50, 1), 'eta', 0, 'target', '>=2')};
for q = 1:numel(cases)
  c = cases{q};
  if c.eta == 0
    c.eta = 1 / max(eig(c.A));
  end
  prob = gd_quadratic(c.A, c.b);
  X0 = randn(c.d, m);
  t = zeros(3, reps(q));
  tc = zeros(2, reps(q));   % CPU time of the process (History 'none', the Octave loop)
  for k = 1:reps(q)
    c0 = cputime(); t0 = tic;
    T = gd_run(prob, X0, 'StepSize', c.eta, 'MaxIter', K, 'GradTol', 0, 'History', 'none');
    t(1, k) = toc(t0); tc(1, k) = cputime() - c0;
    t0 = tic; [T2, info] = gd_run(prob, X0, 'StepSize', c.eta, 'MaxIter', K, 'GradTol', 0); t(2, k) = toc(t0); %#ok<ASGLU>
    c0 = cputime(); t0 = tic;
    X = octave_loop(c.A, c.b, X0, c.eta, K);
    t(3, k) = toc(t0); tc(2, k) = cputime() - c0;
  end
  tm = median(t, 2);
  tcm = median(tc, 2);
  err = max(abs(T(:) - X(:))) / max(abs(X(:)));
  fprintf('  d = %2d, %d starts x %d steps: gd_run %s (History ''f'': %s)   Octave loop %s   ratio %.1fx (%.1fx)   agree to %.0e\n', ...
          c.d, m, K, bench_fmt_time(tm(1)), bench_fmt_time(tm(2)), bench_fmt_time(tm(3)), tm(3) / tm(1), ...
          tm(3) / tm(2), err);
  % a short call on a loaded machine either keeps its core or loses a whole
  % time slice, which the median of wall-clock times can report; the CPU
  % time of both sides is what the load does not move (both run on one
  % thread at d = 2; at d = 50 Octave's dgemm and the old batch path may use
  % BLAS threads, whose CPU time is counted too)
  fprintf('    by CPU time (medians): gd_run %s, Octave loop %s: ratio %.1fx\n', bench_fmt_time(tcm(1)), ...
          bench_fmt_time(tcm(2)), tcm(2) / max(tcm(1), eps));
  r(end + 1) = struct('name', 'bench_gd_batch', 'case', sprintf('d = %d, %d starts x %d steps, History none', c.d, m, K), ...
                      'gdflow', tm(1), 'baseline', tm(3), 'ratio', tm(3) / tm(1), 'target', c.target, ...
                      'note', sprintf('agree to %.0e; by CPU time %.1fx', err, tcm(2) / max(tcm(1), eps))); %#ok<AGROW>
  r(end + 1) = struct('name', 'bench_gd_batch', 'case', sprintf('d = %d, %d starts x %d steps, History f', c.d, m, K), ...
                      'gdflow', tm(2), 'baseline', tm(3), 'ratio', tm(3) / tm(2), 'target', '-', ...
                      'note', 'baseline keeps no history'); %#ok<AGROW>
end

% ---- d = 50: where both sides spend the time, against the flop limit ----
% Octave's loop is one dgemm (A*X) and three element-wise passes with their
% temporaries; gdflow's C loop (info.time) is the lane kernel (2 d^2 flops
% per start and step, no fused multiply-add: every start keeps the bits of
% its single run) and the per-start update and tests.  The dgemm peak
% (read_flops, C = A*B at n = 1000) counts a fused multiply-add as two
% flops; without them the same instructions give half of it: the most a
% product of gdflow's can run at.
c = cases{2};
c.eta = 1 / max(eig(c.A));
prob = gd_quadratic(c.A, c.b);
X0 = randn(c.d, m);
t = zeros(4, reps(2));
for k = 1:reps(2)
  t0 = tic; [T, info] = gd_run(prob, X0, 'StepSize', c.eta, 'MaxIter', K, 'GradTol', 0, 'History', 'none'); t(1, k) = toc(t0); %#ok<ASGLU>
  t(2, k) = info.time;
  t0 = tic; X = octave_loop(c.A, c.b, X0, c.eta, K); t(3, k) = toc(t0); %#ok<NASGU>
  t0 = tic; product_loop(c.A, X0, K); t(4, k) = toc(t0);
end
tm = median(t, 2);
fl = read_flops(quick);
work = 2 * c.d ^ 2 * m * K;   % flops of the products
fprintf('  d = 50 split: Octave loop %s = A*X %s (%.1f GFLOP/s) + element-wise passes %s; gdflow call %s, C loop %s (%.1f GFLOP/s)\n', ...
        bench_fmt_time(tm(3)), bench_fmt_time(tm(4)), work / tm(4) / 1e9, bench_fmt_time(tm(3) - tm(4)), ...
        bench_fmt_time(tm(1)), bench_fmt_time(tm(2)), work / tm(2) / 1e9);
fprintf('    machine: dgemm %.1f GFLOP/s (with FMA), %.1f without; at that rate the products alone take %s: ratio <= %.1fx\n', ...
        fl.gflops, fl.gflops / 2, bench_fmt_time(work / (fl.gflops / 2 * 1e9)), tm(3) / (work / (fl.gflops / 2 * 1e9)));
r(end + 1) = struct('name', 'bench_gd_batch', 'case', 'd = 50 split: C loop vs Octave loop', ...
                    'gdflow', tm(2), 'baseline', tm(3), 'ratio', tm(3) / tm(2), 'target', '-', ...
                    'note', sprintf('A*X %.1f GFLOP/s, C loop %.1f, dgemm peak %.1f', work / tm(4) / 1e9, ...
                                    work / tm(2) / 1e9, fl.gflops));

% ---- 3.: gf_run with m starts, fixed-step rk4 ----
mg = 200;
Kg = 200;
if quick
  mg = 20;
  Kg = 20;
end
prob = gd_quadratic([3 1; 1 2], [1; 1]);
X0 = randn(2, mg);
h = 0.01;
tspan = [0, Kg * h];
t = zeros(2, reps(1));
for k = 1:reps(1)
  t0 = tic; [~, Th] = gf_run(prob, X0, tspan, 'Method', 'rk4', 'Step', h); t(1, k) = toc(t0);
  t0 = tic; Tl = gf_loop(prob, X0, tspan, h); t(2, k) = toc(t0);
end
tm = median(t, 2);
same = isequal(Th, Tl);
fprintf('  gf_run rk4, d = 2, %d starts x %d steps: one call %s   loop of calls %s   ratio %.1fx   identical %d\n', ...
        mg, Kg, bench_fmt_time(tm(1)), bench_fmt_time(tm(2)), tm(2) / tm(1), same);
r(end + 1) = struct('name', 'bench_gd_batch', 'case', sprintf('gf_run rk4 d = 2, %d starts x %d steps', mg, Kg), ...
                    'gdflow', tm(1), 'baseline', tm(2), 'ratio', tm(2) / tm(1), 'target', '-', ...
                    'note', sprintf('vs a loop of gf_run calls; identical %d', same));
end

function X = octave_loop(A, b, X, eta, K)
for k = 1:K
  X = X - eta * (A * X - b);
end
end

function product_loop(A, X, K)
% the dgemm of Octave's loop alone
for k = 1:K
  Y = A * X; %#ok<NASGU>
end
end

function Theta = gf_loop(prob, X0, tspan, h)
% the m-file loop gf_run ran before issue 15: one call per start
[d, m] = size(X0);
Theta = [];
for j = 1:m
  [~, th] = gf_run(prob, X0(:, j), tspan, 'Method', 'rk4', 'Step', h);
  if j == 1
    Theta = NaN(size(th, 1), d, m);
  end
  Theta(:, :, j) = th;
end
end
