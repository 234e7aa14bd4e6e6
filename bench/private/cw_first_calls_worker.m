function cw_first_calls_worker(quick)
%CW_FIRST_CALLS_WORKER  The first calls on a 1e5 x 3 least-squares problem, in a fresh octave-cli.
%   Run by BENCH_COURSEWORK_SCALE in a child octave-cli (a fresh session,
%   as a student starts one).  Times the constructor, then each of the
%   first 10 calls of gd_run (100 iterations) and of gd_eval, and prints
%   them as RESULT lines.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
n = 1e5;
if quick
  n = 2e4;
end
randn('seed', 11);
X = [ones(n, 1), randn(n, 2)];
y = X * [1; 2; 3] + randn(n, 1);
t0 = tic;
q = gd_leastsq(X, y);
tc = toc(t0);
K = 10;
tr = zeros(1, K);
te = zeros(1, K);
for k = 1:K
  t0 = tic;
  th = gd_run(q, zeros(3, 1), 'StepSize', 0.5, 'MaxIter', 100, 'GradTol', 0); %#ok<NASGU>
  tr(k) = toc(t0);
end
for k = 1:K
  t0 = tic;
  [f, g] = gd_eval(q, zeros(3, 1)); %#ok<ASGLU>
  te(k) = toc(t0);
end
fprintf('RESULT n %d\n', n);
fprintf('RESULT ctor %.6g\n', tc);
fprintf('RESULT run %s\n', sprintf('%.6g,', tr));
fprintf('RESULT eval %s\n', sprintf('%.6g,', te));
end
