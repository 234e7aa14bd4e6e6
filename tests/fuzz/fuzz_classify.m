function [cls, id] = fuzz_classify(err)
%FUZZ_CLASSIFY  Sort an error raised by a fuzz call: 'gdflow', 'accepted' or 'other'.
%   [CLS, ID] = FUZZ_CLASSIFY(ERR) looks at the identifier of ERR:
%     gdflow:*                   'gdflow': gdflow rejected the input
%     Octave:invalid-fun-call    'accepted': the interpreter's own arity
%                                check ("called with too many inputs" or
%                                "outputs"), raised before the body of a
%                                public .m function runs (MATLAB raises
%                                MATLAB:TooManyInputs there), or raised when
%                                a fuzz callback (say @sin as OutputFcn) is
%                                called with more arguments than it takes
%     fuzz:callback              'accepted': the harness's own throwing
%                                callback; gdflow passes callback errors on
%                                unchanged, by design
%     raised inside a callback   'accepted': any error whose stack passes
%                                through an anonymous function (all the
%                                harness's callbacks are), e.g. @(x) deal(1, x)
%                                given as a Metric, which deal refuses when
%                                asked for one output
%   Anything else is 'other': a finding, listed by run_fuzz.sh.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
id = err.identifier;
if strncmp(id, 'gdflow:', 7)
  cls = 'gdflow';
elseif strcmp(id, 'fuzz:callback')
  cls = 'accepted';
elseif strcmp(id, 'Octave:invalid-fun-call') && ...
       ~isempty(regexp(err.message, 'called with too many (inputs|outputs)|Invalid call to', 'once'))
  cls = 'accepted';
elseif ~isempty(err.stack) && ~isempty(cell2mat(strfind({err.stack.name}, '@')))
  % a frame named '@<anonymous>' (Octave; 'fuzz_values>@<anonymous>' when
  % made in a function) or '@(x)...' (MATLAB)
  cls = 'accepted';
else
  cls = 'other';
end
end
