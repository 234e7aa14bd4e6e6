function [f, g, H] = gd_eval(fun, theta)
%GD_EVAL  Evaluate an objective, its gradient and Hessian (in C for problem structs).
%   F = GD_EVAL(FUN, THETA) is f at THETA (d-by-1), or the row of values at
%   the columns of a d-by-m THETA (a grid for contour plots, say).
%   [F, G] = GD_EVAL(FUN, THETA) also returns the gradients, d-by-m.
%   [F, G, H] = GD_EVAL(FUN, THETA) also returns the d-by-d Hessian at a
%   single point (problem structs only).
%   FUN is a problem struct (GD_QUADRATIC, GD_LEASTSQ, GD_LOGISTIC,
%   GD_TESTFUN) or a function handle returning [f, g]; a handle that
%   returns f alone gets its gradient by central differences (GD_RUN's
%   rule: h_i = eps^(1/3)*max(|theta_i|, 1), 2*d more calls per column).
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
  if nargout == 2 && isa(fun, 'function_handle') && gdf_f_only(err, fun, theta)
    [f, g] = fd_columns(fun, theta);     % FUN returns f only: central differences
    return
  end
  gdf_rethrow(err);
end
end

function [f, g] = fd_columns(fun, theta)
% f and the central-difference gradient (gd_run's rule, gdf_fd_grad) at
% every column, through the C gateway (its checks of f, g and theta)
try
  [f, g] = gd_eval_mex(@(t) gdf_fd_grad(fun, t, [], 'gd_eval'), theta);
catch err
  gdf_rethrow(err);
end
end

% Tests of gd_eval (Octave: test gd_eval)
%!test
%! % a quadratic: f = 1/2 t'At - b't + c, gradient At - b, Hessian A
%! A = [3 1; 1 2]; b = [1; 1];
%! p = gd_quadratic(A, b, 0.5);
%! t = [0.3; -2];
%! [f, g, H] = gd_eval(p, t);
%! assert (f, 0.5 * t' * A * t - b' * t + 0.5, 1e-14);
%! assert (g, A * t - b, 1e-14);
%! assert (H, A, 0);

%!test
%! % a d-by-m THETA gives a row of values and d-by-m gradients
%! p = gd_testfun('rosenbrock');
%! T = [1 0 -1.2; 1 0 1];
%! [f, g] = gd_eval(p, T);
%! assert (size(f), [1, 3]);
%! assert (size(g), [2, 3]);
%! assert (f, 100 * (T(2, :) - T(1, :) .^ 2) .^ 2 + (1 - T(1, :)) .^ 2, 1e-12);
%! assert (g(:, 1), [0; 0]);

%!test
%! % a function handle is called as is
%! [f, g] = gd_eval(@(t) deal(sum(t .^ 2), 2 * t), [1; 2]);
%! assert (f, 5);
%! assert (g, [2; 4]);

%!error id=gdflow:gd_eval:badArgs gd_eval(gd_quadratic(eye(2)))
%!error id=gdflow:gd_eval:dimMismatch gd_eval(gd_quadratic(eye(2)), [1; 2; 3])
%!error id=gdflow:gd_eval:badProblem gd_eval(42, [1; 2])

%!test
%! % a handle that returns f alone: the gradient by central differences, at every column
%! fun = @(t) sum((t - [1; 2]) .^ 4) + t(1) * t(2);
%! T = [0.5 -1; 3 0.25];
%! [f, g] = gd_eval(fun, T);
%! gx = [4 * (T(1, :) - 1) .^ 3 + T(2, :); 4 * (T(2, :) - 2) .^ 3 + T(1, :)];
%! assert (f, [fun(T(:, 1)), fun(T(:, 2))], 1e-14);
%! assert (g, gx, 1e-8 * max(abs(gx(:))));

%!error id=gdflow:gd_eval:badHandleOutput [f, g] = gd_eval(@(t) t, [1; 2])
