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
t0 = tic;
[cls, id, msg] = fuzz_call(c);
secs = toc(t0);
[~, wid] = lastwarn();
fid = fopen(logfile, 'a');
fuzz_record(fid, i, cls, id, wid, msg, secs);
fclose(fid);
end
