function f = fuzz_fork(kind)
%FUZZ_FORK  fork() after a threaded pass over X: the child's own threaded pass must finish.
%   F = FUZZ_FORK() builds a least-squares problem on 40000 x 7 data with 2
%   threads, evaluates it once (the parent's OpenMP pool now exists), forks,
%   and lets the child evaluate it again.  libgomp's pool does not survive a
%   fork: without a fork check in gdflow the child hangs in its first
%   threaded pass.  The parent waits at most 20 s, then kills the child and
%   raises fuzz:forkHang; a child that finished must have computed the
%   parent's value exactly (else fuzz:forkWrong).  F is that value.
%   FUZZ_FORK('logistic') does the same with a logistic problem.
%   Octave only (fork, waitpid, kill); the fuzz harness runs it in a child
%   process of its own with a timeout (fuzz_cases.m, trust).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1
  kind = 'leastsq';
end
if exist('fork') == 0 || exist('waitpid') == 0 %#ok<EXIST>
  error('gdflow:fuzz_fork:noFork', 'fuzz_fork: this interpreter has no fork(); nothing to test.');
end
randn('seed', 3);
X = [ones(40000, 1), randn(40000, 6)];
if strcmp(kind, 'logistic')
  p = gd_logistic(X, double(X(:, 2) > 0));
else
  p = gd_leastsq(X, X * ones(7, 1));
  p.gram = 'off';   % every evaluation a threaded pass over X
end
p.threads = 2;
theta = 0.1 * ones(7, 1);
f0 = gd_eval(p, theta);   % the parent's threaded pass
out = [tempname() '.fork'];
pid = fork();
if pid == 0
  % the child: one threaded pass, its value to a file, then gone at once
  % (SIGKILL to itself: no interpreter shutdown in a forked copy)
  try
    fc = gd_eval(p, theta);
    fid = fopen(out, 'w');
    fprintf(fid, '%.17g\n', fc);
    fclose(fid);
  catch %#ok<CTCH>
  end
  kill(getpid(), 9);
end
if pid < 0
  error('fuzz:fork', 'fuzz_fork: fork() failed.');
end
t0 = tic;
done = false;
while toc(t0) < 20
  [q, status] = waitpid(pid, WNOHANG()); %#ok<ASGLU>
  if q == pid
    done = true;
    break
  end
  pause(0.02);
end
if ~done
  kill(pid, 9);
  waitpid(pid);
  if exist(out, 'file')
    delete(out);
  end
  error('fuzz:forkHang', 'fuzz_fork: the forked child did not finish its threaded %s pass within 20 s (killed).', kind);
end
if ~exist(out, 'file')
  error('fuzz:forkFailed', 'fuzz_fork: the forked child died without a result.');
end
f = str2double(fileread(out));
delete(out);
if ~(f == f0)
  error('fuzz:forkWrong', 'fuzz_fork: the forked child computed f = %.17g, the parent %.17g.', f, f0);
end
end
