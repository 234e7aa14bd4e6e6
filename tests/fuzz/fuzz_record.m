function fuzz_record(fid, i, cls, id, wid, msg, secs)
%FUZZ_RECORD  Write the E line (and, for a failure, the M line) of fuzz case I.
%   FUZZ_RECORD(FID, I, CLS, ID, WID, MSG, SECS): the format FUZZ_BATCH's
%   log uses (see fuzz_batch.m); empty identifiers are written as '-'.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if isempty(wid)
  wid = '-';
end
if isempty(id)
  id = '-';
end
fprintf(fid, 'E %d %s %s %s %.4f\n', i, cls, strrep(id, ' ', '_'), strrep(wid, ' ', '_'), secs);
if ~any(strcmp(cls, {'ok', 'gdflow', 'skipped'}))
  m = msg(1:min(end, 300));
  m(m < 32 | m > 126) = '?';   % one line, and no bytes regexprep would refuse
  fprintf(fid, 'M %d %s\n', i, m);
end
end
