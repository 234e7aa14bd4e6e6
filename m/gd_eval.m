function [f, g, H] = gd_eval(fun, theta)
%GD_EVAL  Evaluate an objective, its gradient and Hessian (in C for problem structs).
%   F = GD_EVAL(FUN, THETA) is f at THETA (d-by-1), or the row of values at
%   the columns of a d-by-m THETA (a grid for contour plots, say).
%   [F, G] = GD_EVAL(FUN, THETA) also returns the gradients, d-by-m.
%   [F, G, H] = GD_EVAL(FUN, THETA) also returns the d-by-d Hessian at a
%   single point (problem structs only).
%   FUN is a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%   GD_TESTFUN) or a function handle returning [f, g].
%
%   Example:
%     [f, g] = gd_eval(gd_testfun('rosenbrock'), [1; 1]);
%     disp([f, g'])
%
%   See also GD_RUN, GD_QUADRATIC.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin ~= 2
  error('gdflow:gd_eval:badArgs', 'gd_eval: usage: [f, g, H] = gd_eval(fun, theta).');
end
try
  if nargout <= 1
    f = gd_eval_mex(fun, theta);
  elseif nargout == 2
    [f, g] = gd_eval_mex(fun, theta);
  else
    [f, g, H] = gd_eval_mex(fun, theta);
  end
catch err
  gdf_rethrow(err);
end
end
