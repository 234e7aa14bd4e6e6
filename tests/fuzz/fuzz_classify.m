function [cls, id] = fuzz_classify(err, c)
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
%   [CLS, ID] = FUZZ_CLASSIFY(ERR, C), C the case (fn, args): since issue 14
%   the interpreter's arity errors are accepted only where they can come
%   from the call itself: "F: function called with too many ..." when F is
%   C.fn or an anonymous function, "Invalid call to F" when a handle @F is
%   one of C.args (or one level inside a struct or cell among them).  An
%   arity error of a function gdflow calls itself (gd_minimize's strcmp on a
%   struct array's fields) is a finding.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
id = err.identifier;
if strncmp(id, 'gdflow:', 7)
  cls = 'gdflow';
elseif strcmp(id, 'fuzz:callback')
  cls = 'accepted';
elseif strcmp(id, 'Octave:invalid-fun-call') && ...
       ~isempty(regexp(err.message, 'called with too many (inputs|outputs)|Invalid call to', 'once')) && ...
       (nargin < 2 || arity_of_call(err.message, c))
  cls = 'accepted';
elseif ~isempty(err.stack) && ~isempty(cell2mat(strfind({err.stack.name}, '@')))
  % a frame named '@<anonymous>' (Octave; 'fuzz_values>@<anonymous>' when
  % made in a function) or '@(x)...' (MATLAB)
  cls = 'accepted';
else
  cls = 'other';
end
end

function tf = arity_of_call(msg, c)
% the arity error names the function called or a handle among the arguments
tok = regexp(msg, '^([^:\s]+): function called with too many', 'tokens', 'once');
if ~isempty(tok)
  tf = strcmp(tok{1}, c.fn) || strcmp(tok{1}, '@<anonymous>');
  return
end
tok = regexp(msg, 'Invalid call to (\w+)', 'tokens', 'once');
tf = false;
if isempty(tok)
  return
end
vals = c.args;
for k = 1:numel(c.args)
  a = c.args{k};
  if iscell(a)
    vals = [vals, a(:)']; %#ok<AGROW>
  elseif isstruct(a) && numel(a) == 1
    vals = [vals, struct2cell(a)']; %#ok<AGROW>
  end
end
for k = 1:numel(vals)
  if isa(vals{k}, 'function_handle') && any(strcmp(func2str(vals{k}), {tok{1}, ['@' tok{1}]}))
    tf = true;
    return
  end
end
end
