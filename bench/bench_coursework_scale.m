function r = bench_coursework_scale(quick)
%BENCH_COURSEWORK_SCALE  The coursework's least squares at scale, end to end, and the first calls.
%   (1) n = 1e5 and 2e5, p = 50: the constructor plus a 1500-iteration
%       gd_run (fixed step 1/L, GradTol 0), each timed (medians of several
%       repeats), against 1500 iterations of the coursework loop
%       theta = theta - (alpha/m) * (X' * (X*theta - y)) (its median
%       iteration times 1500).  Target: >= 100x.  The literal line
%       theta - alpha/m * X'*(X*theta - y), which forms a scaled copy of X
%       every iteration, is timed too (a few iterations) and printed.
%   (2) The first calls on a 1e5 x 3 problem in a fresh octave-cli (child
%       process, CW_FIRST_CALLS_WORKER): the first gd_run call (100
%       iterations) against the steady calls (median of calls 6-10), and the
%       slowest of calls 2-10.  Target: <= 4 (the first call pays Octave's
%       loading of the MEX file and parsing of the m-files, about 0.7 ms,
%       which gdflow cannot remove; issue 14 saw ~20 ms, then 1.3 ms).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
ns = [1e5 2e5];
p = 50;
K = 1500;
Kl = 40;     % loop iterations timed
reps = 5;
if quick
  ns = [3000 6000];
  p = 5;
  K = 100;
  Kl = 10;
  reps = 2;
end
r = struct('name', {}, 'case', {}, 'gdflow', {}, 'baseline', {}, 'ratio', {}, 'target', {}, 'note', {});
fprintf('\n[bench_coursework_scale] gd_leastsq + gd_run, %d iterations, vs the coursework loop\n', K);
for n = ns
  randn('seed', 42);
  X = [ones(n, 1), randn(n, p - 1)];
  y = X * randn(p, 1) + 0.5 * randn(n, 1);
  tc = zeros(1, reps);
  tr = zeros(1, reps);
  for i = 1:reps
    t0 = tic;
    prob = gd_leastsq(X, y);
    tc(i) = toc(t0);
    alpha = 1 / prob.L;
    t0 = tic;
    [th, info] = gd_run(prob, zeros(p, 1), 'StepSize', alpha, 'MaxIter', K, 'GradTol', 0);
    tr(i) = toc(t0);
  end
  t_both = median(tc + tr);
  % the coursework loop, per iteration (median over Kl iterations, twice)
  m = n;
  tl = zeros(1, 2 * Kl);
  theta = zeros(p, 1);
  for k = 1:2 * Kl
    t0 = tic;
    theta = theta - (alpha / m) * (X' * (X * theta - y));
    tl(k) = toc(t0);
  end
  t_loop = K * median(tl);
  tlit = zeros(1, 3);
  for k = 1:3
    t0 = tic;
    theta = theta - alpha / m * X' * (X * theta - y);
    tlit(k) = toc(t0);
  end
  t_lit = K * median(tlit);
  % the same answer: gd_run's last iterate against the loop run to K
  tho = zeros(p, 1);
  for k = 1:min(K, 200)
    tho = tho - (alpha / m) * (X' * (X * tho - y));
  end
  [thg, ig] = gd_run(prob, zeros(p, 1), 'StepSize', alpha, 'MaxIter', min(K, 200), 'GradTol', 0); %#ok<ASGLU>
  err = norm(thg - tho) / norm(tho);
  fprintf('  n = %g, p = %d: constructor %s + gd_run %s = %s (medians of %d)\n', n, p, ...
          bench_fmt_time(median(tc)), bench_fmt_time(median(tr)), bench_fmt_time(t_both), reps);
  fprintf('    coursework loop (alpha/m)*(X''*(X*theta - y)): %d x %s = %s   ratio %.0fx\n', ...
          K, bench_fmt_time(median(tl)), bench_fmt_time(t_loop), t_loop / t_both);
  fprintf('    literal loop alpha/m*X''*(X*theta - y):        %d x %s = %s   ratio %.0fx\n', ...
          K, bench_fmt_time(median(tlit)), bench_fmt_time(t_lit), t_lit / t_both);
  fprintf('    iterates after %d against the loop: %.1e relative; %d iterations run\n', min(K, 200), err, info.iterations);
  r(end + 1) = struct('name', 'bench_coursework_scale', ...
                      'case', sprintf('LS ctor + %d iters, n=%g p=%d', K, n, p), ...
                      'gdflow', t_both, 'baseline', t_loop, 'ratio', t_loop / t_both, 'target', '>=100', ...
                      'note', sprintf('ctor %s, run %s; literal loop %.0fx', bench_fmt_time(median(tc)), ...
                                      bench_fmt_time(median(tr)), t_lit / t_both)); %#ok<AGROW>
end

% (2) the first calls, in a fresh octave-cli
if exist('OCTAVE_VERSION', 'builtin') == 0
  fprintf('  first calls: skipped (needs Octave)\n');
  return
end
exe = fullfile(OCTAVE_HOME(), 'bin', 'octave-cli');
if exist(exe, 'file') ~= 2
  exe = 'octave-cli';
end
here = fileparts(mfilename('fullpath'));
mdir = fullfile(here, '..', 'm');
q = char(34);
cmd = sprintf('%s%s%s --no-gui --norc --no-history --eval %saddpath(''%s''); addpath(''%s''); cw_first_calls_worker(%d);%s 2>&1', ...
              q, exe, q, q, mdir, fullfile(here, 'private'), quick ~= 0, q);
[st, out] = system(cmd);
tok = regexp(out, 'RESULT (\w+) (\S+)', 'tokens');
if st ~= 0 || numel(tok) < 4
  fprintf('  first calls: skipped, the child octave-cli failed:\n%s\n', out);
  return
end
v = struct();
for i = 1:numel(tok)
  v.(tok{i}{1}) = str2double(strsplit(regexprep(tok{i}{2}, ',$', ''), ','));
end
first = v.run(1);
steady = median(v.run(6:10));
fprintf('  first calls, %g x 3 in a fresh octave-cli: constructor %s; gd_run (100 iters) calls 1..10: %s ms\n', ...
        v.n, bench_fmt_time(v.ctor), sprintf('%.1f ', 1e3 * v.run));
fprintf('    gd_eval calls 1..10: %s ms\n', sprintf('%.1f ', 1e3 * v.eval));
fprintf('    gd_run: first call / steady (median of calls 6-10) %.2f, calls 2-4 / steady %.2f, slowest of 2-10 %s\n', ...
        first / steady, median(v.run(2:4)) / steady, bench_fmt_time(max(v.run(2:end))));
r(end + 1) = struct('name', 'bench_coursework_scale', 'case', sprintf('first call / steady, %gx3, gd_run', v.n), ...
                    'gdflow', first, 'baseline', steady, 'ratio', first / steady, 'target', '<=4', ...
                    'note', sprintf('steady %s, slowest of calls 2-10 %s', bench_fmt_time(steady), ...
                                    bench_fmt_time(max(v.run(2:end)))));
end
