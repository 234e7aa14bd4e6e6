function [f, g] = gdf_fd_grad(fun, t, f, fn)
%GDF_FD_GRAD  f and its gradient by central differences (fminunc's rule).
%   [F, G] = GDF_FD_GRAD(FUN, T) is F = FUN(T) and the gradient G (shaped
%   like T) by central differences, 2*numel(T) more calls of FUN:
%     G(i) = (FUN(T + h_i e_i) - FUN(T - h_i e_i)) / (2 h_i),
%     h_i  = eps^(1/3) * max(abs(T(i)), 1) * sign'(T(i)),  sign'(0) = 1,
%   MATLAB's documented central step (FiniteDifferenceStepSize eps^(1/3),
%   TypicalX 1) and Octave's __fdjac__; h_i is replaced by the step that
%   T(i) + h_i - T(i) represents exactly, so the quotient divides by the
%   distance really taken.  [F, G] = GDF_FD_GRAD(FUN, T, F) takes F = FUN(T)
%   as known (2*numel(T) calls; F = [] for unknown).  With one output only F
%   is computed.  FN (default 'gd_run') names the caller in the error
%   gdflow:FN:badHandleOutput raised when FUN's value is not a real scalar.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 4
  fn = 'gd_run';
end
if nargin < 3 || isempty(f)
  f = fun(t);
  check(f, fn);
end
if nargout < 2
  return
end
n = numel(t);
s = sign(t(:));
s(s == 0) = 1;
h = eps ^ (1 / 3) * max(abs(t(:)), 1) .* s;
tp = t(:) + h;
tm = t(:) - h;
h2 = tp - tm;                 % the distance really taken (exact in binary)
g = zeros(size(t));
x = t;
for i = 1:n
  x(i) = tp(i);
  fp = fun(x);
  x(i) = tm(i);
  fm = fun(x);
  x(i) = t(i);
  if ~(isscalar(fp) && isscalar(fm))
    check(fp, fn);
    check(fm, fn);
  end
  g(i) = (fp - fm) / h2(i);
end
end

function check(f, fn)
% a handle that returns f alone must return a real scalar
if ~(isnumeric(f) && isscalar(f) && isreal(f))
  error(['gdflow:' fn ':badHandleOutput'], ['%s: the objective handle must return f as a real ' ...
        'scalar (got a %s of size %s).'], fn, class(f), mat2str(size(f)));
end
end
