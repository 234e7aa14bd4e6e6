function fuzz_batch(first, step, count, logfile, verbose, skip_needs)
%FUZZ_BATCH  Run fuzz cases and log the outcome of each (run in a child octave-cli).
%   FUZZ_BATCH(FIRST, STEP, COUNT, LOGFILE) runs COUNT cases of FUZZ_CASES,
%   FIRST, FIRST + STEP, ..., and appends to LOGFILE, flushed line by line
%   so that the call in flight is known when the process dies:
%     S i label                 before case i
%     E i class id warnid secs  after it; class is
%                               ok        returned
%                               gdflow    error with a gdflow: identifier
%                               accepted  error without one, of a kind the
%                                         harness accepts (see FUZZ_CLASSIFY)
%                               other     any other error (a finding)
%     M i message               the message of accepted and other errors
%     DONE                      after the last case
%     ALL n                     before DONE when the cases ran out (n cases)
%   A crash or a hang leaves an S line without its E line; run_fuzz.sh
%   counts it and starts a new child after that case.
%   FUZZ_BATCH(FIRST, STEP, COUNT, LOGFILE, true) also prints each call and its outcome.
%   A case with C(i).child > 0 (fuzz_cases.m, trust) runs in a child
%   octave-cli of its own, killed after C(i).child seconds: a call that
%   hangs (or crashes) on a branch without the fix it needs is then
%   recorded as an error 'fuzz:timeout' ('fuzz:childDied'), a finding, and
%   the batch goes on (tests/fuzz/fuzz_child.m is that child).
%   FUZZ_BATCH(..., VERBOSE, true) does not call the cases whose label says
%   '[needs ...]' (a fix on another branch; run_fuzz.sh --quick): they are
%   logged with class 'skipped'.
%   Run from m/private (the gateways are called directly), m/ on the path.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 5
  verbose = false;
end
if nargin < 6
  skip_needs = false;
end
C = fuzz_cases(step, first, first + step * (count - 1));   % only the cases run here
set(0, 'defaultfigurevisible', 'off');
has_fflush = exist('fflush') ~= 0;
fid = fopen(logfile, 'a');
if fid < 0
  error('fuzz:log', 'fuzz_batch: cannot open %s', logfile);
end
idx = first + step * (0:count - 1);
idx = idx(idx >= 1 & idx <= numel(C));
for i = idx
  c = C(i);
  fprintf(fid, 'S %d %s\n', i, regexprep(c.label, '\s+', ' '));
  if has_fflush
    fflush(fid);   % the call in flight must be on disk if the process dies
  end
  if verbose
    fprintf('case %d: %s (%d outputs)\n', i, c.label, c.nout);
  end
  lastwarn('');
  msg = '';
  t0 = tic;
  if skip_needs && ~isempty(strfind(c.label, '[needs '))
    cls = 'skipped';
    id = '-';
    wid = '-';
    secs = 0;
  elseif c.child > 0
    [cls, id, wid, msg] = run_in_child(i, c);
    secs = toc(t0);
  else
    [cls, id, msg] = fuzz_call(c);
    secs = toc(t0);
    [~, wid] = lastwarn();
  end
  fuzz_record(fid, i, cls, id, wid, msg, secs);
  if verbose
    fprintf('  -> %s %s %s (%.3f s) %s\n', cls, id, wid, secs, msg);
  end
  if any(strcmp(c.fn, {'gd_plot', 'gd_sweep_plot', 'gd_explore'}))
    close all
  end
end
if isempty(idx) || idx(end) + step > numel(C)
  fprintf(fid, 'ALL %d\n', numel(C));
end
fprintf(fid, 'DONE\n');
fclose(fid);
end

function [cls, id, wid, msg] = run_in_child(i, c)
% case i in a child octave-cli (tests/fuzz/fuzz_child.m), SIGKILLed after
% c.child s (a hung Octave ignores SIGTERM: it would save a workspace file
% and go on).  The call travels in a .mat file: the child does not rebuild
% the ~75,000 cases (30 s).
limit = c.child;
base = tempname();
log = [base '.log'];
mat = [base '.mat'];
save('-binary', mat, 'c', 'i');
here = pwd();
setup = sprintf('addpath(''%s''); addpath(''%s''); cd(''%s'');', fileparts(here), ...
                fileparts(mfilename('fullpath')), here);
dq = char(34);   % a double quote, for the shell
cmd = sprintf('timeout -s KILL %d %s%s%s --no-gui --norc --no-history --eval %s%s fuzz_child(''%s'', ''%s'');%s > /dev/null 2>&1', ...
              limit, dq, fullfile(OCTAVE_HOME(), 'bin', 'octave-cli'), dq, dq, setup, mat, log, dq);
status = system(cmd);
txt = '';
if exist(log, 'file')
  txt = fileread(log);
  delete(log);
end
delete(mat);
lines = strsplit(txt, sprintf('\n'));
e = lines(strncmp(lines, sprintf('E %d ', i), numel(sprintf('E %d ', i))));
m = lines(strncmp(lines, sprintf('M %d ', i), numel(sprintf('M %d ', i))));
msg = '';
if ~isempty(m)
  msg = m{1}(numel(sprintf('M %d ', i)) + 1:end);
end
if ~isempty(e)
  w = strsplit(e{1}, ' ');
  cls = w{3};
  id = w{4};
  wid = w{5};
elseif status == 137
  cls = 'other';
  id = 'fuzz:timeout';
  wid = '-';
  msg = sprintf('no return within %d s: killed (a hang)', limit);
else
  cls = 'other';
  id = 'fuzz:childDied';
  wid = '-';
  msg = sprintf('the child process died during the call (exit status %d): a crash', status);
end
end
