function fuzz_batch(first, step, count, logfile, verbose)
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
%   Run from m/private (the gateways are called directly), m/ on the path.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 5
  verbose = false;
end
C = fuzz_cases();
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
  try
    out = cell(1, c.nout);
    if c.nout == 0
      feval(c.fn, c.args{:});
    else
      [out{1:c.nout}] = feval(c.fn, c.args{:});
    end
    cls = 'ok';
    id = '-';
  catch err
    [cls, id] = fuzz_classify(err);
    msg = err.message;
  end
  secs = toc(t0);
  [~, wid] = lastwarn();
  if isempty(wid)
    wid = '-';
  end
  if isempty(id)
    id = '-';
  end
  fprintf(fid, 'E %d %s %s %s %.4f\n', i, cls, strrep(id, ' ', '_'), strrep(wid, ' ', '_'), secs);
  if ~strcmp(cls, 'ok') && ~strcmp(cls, 'gdflow')
    m = msg(1:min(end, 300));
    m(m < 32 | m > 126) = '?';   % one line, and no bytes regexprep would refuse
    fprintf(fid, 'M %d %s\n', i, m);
  end
  if verbose
    fprintf('  -> %s %s %s (%.3f s) %s\n', cls, id, wid, secs, msg);
  end
  if strcmp(c.fn, 'gd_plot')
    close all
  end
  clear out
end
if isempty(idx) || idx(end) + step > numel(C)
  fprintf(fid, 'ALL %d\n', numel(C));
end
fprintf(fid, 'DONE\n');
fclose(fid);
end
