function [cls, id, msg] = fuzz_call(c)
%FUZZ_CALL  Call one fuzz case in this process and classify the outcome.
%   [CLS, ID, MSG] = FUZZ_CALL(C) calls C.fn with C.args and C.nout outputs:
%   CLS is 'ok' or FUZZ_CLASSIFY's class of the error, ID its identifier
%   ('-' when it returned), MSG the error message ('' when it returned).
%   Shared by FUZZ_BATCH (in process) and FUZZ_CHILD (in a child process).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
msg = '';
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
  [cls, id] = fuzz_classify(err, c);
  msg = err.message;
end
end
