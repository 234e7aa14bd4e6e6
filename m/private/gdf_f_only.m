function tf = gdf_f_only(err, fun, theta0)
%GDF_F_ONLY  Did ERR come from asking a handle that returns only f for [f, g]?
%   TF = GDF_F_ONLY(ERR, FUN, THETA0) is true when ERR is the error of a
%   two-output call of FUN (Octave: Octave:invalid-fun-call "called with
%   too many outputs", or a gateway's badHandleOutput for a missing second
%   output, as an anonymous function whose body returns one value gives it,
%   or, called from .m code, Octave's "element number 2 undefined in return
%   list" without an identifier, or an anonymous function whose body is a
%   constant, "invalid number of output arguments for constant
%   expression");
%   MATLAB: MATLAB:TooManyOutputs or MATLAB:maxlhs) AND a probe at the first
%   start confirms it: F = FUN(THETA0) works while [F, G] = FUN(THETA0)
%   fails or leaves G undefined.  Any other error (the user's own, or one at
%   a later iterate) gives false: the caller rethrows ERR unchanged.  The
%   probe costs at most two calls of FUN, made only on this error path.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
tf = false;
id = err.identifier;
if ~(any(strcmp(id, {'Octave:invalid-fun-call', 'MATLAB:TooManyOutputs', 'MATLAB:maxlhs'})) || ...
     (strncmp(id, 'gdflow:', 7) && numel(id) > 16 && strcmp(id(end - 15:end), ':badHandleOutput') && ...
      ~isempty(strfind(err.message, 'class none'))) || ...
     (isempty(id) && ~isempty(strfind(err.message, 'element number 2 undefined in return list'))) || ...
     (isempty(id) && ~isempty(strfind(err.message, 'invalid number of output arguments for constant expression'))))
  return
end
t = theta0;
if size(t, 2) > 1 && size(t, 1) > 1
  t = t(:, 1);
end
try
  f = fun(t); %#ok<NASGU>
catch
  return          % the one-output call fails too: not this case
end
try
  [f, g] = fun(t); %#ok<ASGLU>
  tf = ~exist('g', 'var');
catch
  tf = true;
end
end
