function fun = gdf_f_of(fun, theta0)
%GDF_F_OF  A handle giving f alone, from one that may insist on [f, g].
%   F1 = GDF_F_OF(FUN, THETA0) is FUN when F = FUN(THETA0) works with one
%   output, else a handle that calls [F, ~] = FUN(X) (an anonymous function
%   built on deal(f, g) refuses one output in Octave).  Used when GradObj
%   'off' asks for central differences of a function that returns [f, g].
%   The probe is one call of FUN at the first start.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
t = theta0;
if size(t, 2) > 1 && size(t, 1) > 1
  t = t(:, 1);
end
try
  f = fun(t); %#ok<NASGU>
catch
  fun = @(x) first_of_two(fun, x);
end
end

function f = first_of_two(fun, x)
[f, g] = fun(x); %#ok<NASGU>
end
