function fuzz_child(matfile, logfile)
%FUZZ_CHILD  Run one fuzz case handed over in a .mat file (a child of fuzz_batch).
%   FUZZ_CHILD(MATFILE, LOGFILE) loads the case c and its number i that
%   FUZZ_BATCH saved, calls it, and appends its E line (and M line) to
%   LOGFILE in FUZZ_BATCH's format.  FUZZ_BATCH runs this in an octave-cli
%   of its own, killed after c.child seconds, for the calls that may hang or
%   crash (fuzz_cases.m, trust).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
S = load(matfile);
c = S.c;
i = S.i;
set(0, 'defaultfigurevisible', 'off');
lastwarn('');
msg = '';
t0 = tic;
try
  out = cell(1, c.nout);
  if c.nout == 0
    feval(c.fn, c.args{:});
  else
    [out{1:c.nout}] = feval(c.fn, c.args{:}); %#ok<NASGU>
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
fid = fopen(logfile, 'a');
fprintf(fid, 'E %d %s %s %s %.4f\n', i, cls, strrep(id, ' ', '_'), strrep(wid, ' ', '_'), secs);
if ~strcmp(cls, 'ok') && ~strcmp(cls, 'gdflow')
  m = msg(1:min(end, 300));
  m(m < 32 | m > 126) = '?';
  fprintf(fid, 'M %d %s\n', i, m);
end
fclose(fid);
end
