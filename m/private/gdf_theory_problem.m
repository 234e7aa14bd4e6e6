function P = gdf_theory_problem(fun, L, mu, fstar)
%GDF_THEORY_PROBLEM  What the theory (GDF_THEORY) knows about a problem.
%   P = GDF_THEORY_PROBLEM(FUN, L, MU, FSTAR) reads the constants of the
%   problem struct FUN (or of nothing, for a function handle) and applies
%   the overrides L, MU, FSTAR (each [] for none).  P has the fields
%     L, mu, fstar   the constants (NaN unknown; fstar = -Inf: unbounded below)
%     theta_star     one minimizer (column) or []
%     quadratic      true for gd_quadratic (and the quadratic test functions)
%                    and for gd_leastsq: 1/(2m)||X theta - y||^2 is the
%                    quadratic with A = X'X/m, b = X'y/m
%     A, b           that quadratic (d <= 2000), for gf_exact
%     eigs           the spectrum of A (d <= 2000), else []
%     overridden     true when L or mu was given by the caller (then gd_run,
%                    which reads the problem's own, cannot resolve '1/L')
%     desc           the problem's description
%   A quadratic's mu within rounding of 0 (gd_quadratic's test for a singular
%   A) counts as 0, not as nonconvex.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
P = struct('L', NaN, 'mu', NaN, 'fstar', NaN, 'theta_star', [], 'quadratic', false, 'A', [], 'b', [], ...
           'eigs', [], 'overridden', false, 'desc', 'a function handle');
if isstruct(fun)
  P.L = double(fun.L);
  P.mu = double(fun.mu);
  P.fstar = double(fun.f_star);
  if ~isempty(fun.theta_star)
    P.theta_star = fun.theta_star(:, 1);
  end
  if isfield(fun, 'description')
    P.desc = fun.description;
  else
    P.desc = 'the problem of the run';
  end
  if strcmp(fun.type, 'quadratic')
    P.quadratic = true;
    P.A = fun.A;
    P.b = fun.b;
  elseif strcmp(fun.type, 'leastsq')
    P.quadratic = true;
    if size(fun.X, 2) <= 2000
      m = size(fun.X, 1);
      P.A = full(fun.X' * fun.X) / m;
      P.A = (P.A + P.A') / 2;
      P.b = full(fun.X' * fun.y) / m;
    end
  end
  if ~isempty(P.A) && size(P.A, 1) <= 2000
    P.eigs = eig(full(P.A));
  end
end
if ~isempty(L)
  P.L = double(L);
  P.overridden = true;
end
if ~isempty(mu)
  P.mu = double(mu);
  P.overridden = true;
end
if ~isempty(fstar)
  P.fstar = double(fstar);
end
if P.overridden
  P.eigs = [];                                 % the caller's constants take precedence
end
if P.quadratic
  tol = 1e3 * eps * max(abs([P.L, P.mu, realmin]));
  if isfinite(P.mu) && P.mu < 0 && P.mu >= -tol && P.fstar > -Inf
    P.mu = 0;                                  % singular PSD (a minimizer exists)
  end
  P.eigs(P.eigs < 0 & P.eigs >= -tol) = 0;
end
end
