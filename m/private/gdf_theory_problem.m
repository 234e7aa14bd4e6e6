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
%     A, b           gd_quadratic's A and b ([] for least squares: see
%                    gd_compare's exact flow)
%     d              the dimension (NaN for a handle)
%     overridden     true when L or mu was given by the caller (then gd_run,
%                    which reads the problem's own, cannot resolve '1/L')
%     desc           the problem's description
%   The theory needs only L and mu: every formula of GDF_THEORY on a quadratic
%   (|1 - eta lambda|, 1/(1 + h lambda), the Runge-Kutta stability functions,
%   the heavy-ball companion matrices) is extremal at an end of [mu, L].
%   A quadratic's mu within rounding of 0 (gd_quadratic's test for a singular
%   A) counts as 0, not as nonconvex.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
P = struct('L', NaN, 'mu', NaN, 'fstar', NaN, 'theta_star', [], 'quadratic', false, 'A', [], 'b', [], ...
           'd', NaN, 'overridden', false, 'desc', 'a function handle');
if isstruct(fun)
  % a hand-made struct may lack a constant (gd_sweep and gd_plot on
  % struct('type', 'quadratic') failed with "structure has no member 'L'"):
  % a missing or non-numeric constant is unknown (NaN), and the runner's
  % own check of the problem says what is wrong with it
  P.L = constant(fun, 'L');
  P.mu = constant(fun, 'mu');
  P.fstar = constant(fun, 'f_star');
  P.d = constant(fun, 'd');
  if isfield(fun, 'theta_star') && isnumeric(fun.theta_star) && ~isempty(fun.theta_star)
    P.theta_star = fun.theta_star(:, 1);
  end
  if isfield(fun, 'description')
    P.desc = fun.description;
  else
    P.desc = 'the problem of the run';
  end
  if strcmp(fun.type, 'quadratic') && isfield(fun, 'A') && isfield(fun, 'b')
    P.quadratic = true;
    P.A = fun.A;
    P.b = fun.b;
  elseif strcmp(fun.type, 'leastsq')
    P.quadratic = true;                        % A = X'X/m is formed only for gf_exact (gdf_quadratic_of)
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
if P.quadratic
  tol = gdf_eig_tol([P.L, P.mu]);
  if isfinite(P.mu) && P.mu < 0 && P.mu >= -tol && P.fstar > -Inf
    P.mu = 0;                                  % singular PSD (a minimizer exists)
  end
end
end

function v = constant(fun, name)
v = NaN;
if isfield(fun, name) && isnumeric(fun.(name)) && isreal(fun.(name)) && isscalar(fun.(name))
  v = double(full(fun.(name)));
end
end
