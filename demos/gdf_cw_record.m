function out = gdf_cw_record(x, optimValues, state)
%GDF_CW_RECORD  An OutputFcn that records f at every iteration (for fminunc).
%   STOP = GDF_CW_RECORD(X, OPTIMVALUES, STATE) records OPTIMVALUES.fval at
%   its iteration ('init' starts a new record) and returns false (never
%   stops).  F = GDF_CW_RECORD() returns the record: F(k+1) is f after k
%   iterations (the last value reported for that iteration).  MATLAB counts
%   iterations from 0 in the field iteration, Octave from 1 in iter.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent f
if nargin == 0
  out = f;
  return
end
if isfield(optimValues, 'iteration')
  k = optimValues.iteration;
else
  k = optimValues.iter - 1;
end
if strcmp(state, 'init')
  f = [];
end
if any(strcmp(state, {'init', 'iter'}))
  f(k + 1) = optimValues.fval;
end
out = false;
end
