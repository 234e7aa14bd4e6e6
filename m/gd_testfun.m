function prob = gd_testfun(name, varargin)
%GD_TESTFUN  Classic optimization test functions, evaluated in C.
%   PROB = GD_TESTFUN('rosenbrock')         f = 100*(y - x^2)^2 + (1 - x)^2
%   PROB = GD_TESTFUN('rosenbrock', D)      extended: sum over i of
%                                           B*(x(i+1) - x(i)^2)^2 + (A - x(i))^2
%   PROB = GD_TESTFUN('rosenbrock', D, [A B])
%   PROB = GD_TESTFUN('beale')              minimizer (3, 0.5)
%   PROB = GD_TESTFUN('himmelblau')         four minimizers, f* = 0
%   PROB = GD_TESTFUN('booth')              a quadratic, minimizer (1, 3)
%   PROB = GD_TESTFUN('ellipse', KAPPA)     f = 1/2*(x^2 + KAPPA*y^2): a 2-D bowl
%   PROB = GD_TESTFUN('ellipse', KAPPA, ANGLE)  the same bowl rotated by ANGLE
%                                           radians (condition number KAPPA)
%
%   theta_star holds the known minimizers (one per column) and f_star the
%   minimum (for Rosenbrock: -Inf with no theta_star when B < 0, unbounded
%   below; NaN when D > 2 and A is neither 0 nor 1, minimum not known; with
%   B = 0 the last coordinate is free and theta_star is one minimizer).  Rosenbrock, Beale and Himmelblau are not globally L-smooth
%   (L = NaN), so gd_run defaults to backtracking on them; 'booth' and
%   'ellipse' are returned as quadratics (gd_quadratic), so gf_exact and the
%   'exact' flow apply to them.  The extended Rosenbrock function also has a
%   local minimizer near (-1, 1, ..., 1) for 4 <= D <= 7.
%
%   Example:
%     prob = gd_testfun('rosenbrock');
%     [theta, info] = gd_run(prob, [-1.2; 1], 'StepSize', 'backtracking', 'MaxIter', 20000);
%     fprintf('%.4f %.4f\n', theta);
%
%   See also GD_RUN, GF_RUN, GD_QUADRATIC.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1 || ~ischar(name)
  error('gdflow:gd_testfun:badName', ...
        'gd_testfun: the first argument must be a name: rosenbrock, beale, himmelblau, booth or ellipse.');
end
switch lower(name)
  case 'rosenbrock'
    d = 2;
    ab = [1 100];
    if numel(varargin) >= 1 && ~isempty(varargin{1})
      d = varargin{1};
      if ~isnumeric(d) || ~isscalar(d) || ~isreal(d) || ~(d >= 2) || d ~= round(d) || ~(d <= 1e8)
        error('gdflow:gd_testfun:badDim', 'gd_testfun: the Rosenbrock dimension must be an integer from 2 to 1e8.');
      end
      d = double(d);
    end
    if numel(varargin) >= 2 && ~isempty(varargin{2})
      ab = varargin{2};
      if ~isnumeric(ab) || numel(ab) ~= 2 || ~isreal(ab) || any(~isfinite(ab))
        error('gdflow:gd_testfun:badParams', 'gd_testfun: Rosenbrock parameters must be [a b].');
      end
      ab = double(ab(:)');
    end
    % f = sum of b*(x(i+1) - x(i)^2)^2 + (a - x(i))^2, i = 1..d-1
    if ab(2) < 0
      % b < 0: unbounded below (x(1) = a, x(2) -> Inf), no minimizer
      theta_star = [];
      f_star = -Inf;
    elseif d == 2 || ab(2) == 0
      % f = 0 at x(i) = a (i < d), x(d) = a^2 (any x(d) when b = 0)
      theta_star = [ab(1) * ones(d - 1, 1); ab(1)^2];
      f_star = 0;
    elseif ab(1) == 1 || ab(1) == 0
      % f = 0 needs x(2) = a = a^2 when d > 2: only a = 0 or 1
      theta_star = ab(1) * ones(d, 1);
      f_star = 0;
    else
      theta_star = [];   % minimum > 0, not known in closed form
      f_star = NaN;
    end
    prob = gdf_problem_struct('testfun', 'rosenbrock', d, struct('params', ab), NaN, NaN, ...
                              theta_star, f_star, sprintf('Rosenbrock, d = %d, a = %g, b = %g', d, ab(1), ab(2)));
  case 'beale'
    prob = gdf_problem_struct('testfun', 'beale', 2, struct(), NaN, NaN, [3; 0.5], 0, 'Beale');
  case 'himmelblau'
    X = [3, -2.805118086952745, -3.779310253377747, 3.584428340330492;
         2,  3.131312518250573, -3.283185991286170, -1.848126526964404];
    prob = gdf_problem_struct('testfun', 'himmelblau', 2, struct(), NaN, NaN, X, 0, 'Himmelblau');
  case 'booth'
    % (x + 2y - 7)^2 + (2x + y - 5)^2 = 1/2 theta'A theta - b'theta + c
    prob = gd_quadratic([10 8; 8 10], [34; 38], 74);
    prob.name = 'booth';
    prob.theta_star = [1; 3];
    prob.f_star = 0;
    prob.description = 'Booth (a quadratic), minimizer (1, 3)';
  case 'ellipse'
    kappa = 10;
    angle = 0;
    if numel(varargin) >= 1 && ~isempty(varargin{1})
      kappa = varargin{1};
    end
    if numel(varargin) >= 2 && ~isempty(varargin{2})
      angle = varargin{2};
    end
    if ~isnumeric(kappa) || ~isscalar(kappa) || ~isreal(kappa) || ~(kappa >= 1) || ~isfinite(kappa)
      error('gdflow:gd_testfun:badKappa', 'gd_testfun: the condition number KAPPA must be a finite number >= 1.');
    end
    if ~isnumeric(angle) || ~isscalar(angle) || ~isreal(angle) || ~isfinite(angle)
      error('gdflow:gd_testfun:badAngle', 'gd_testfun: ANGLE must be a finite real scalar (radians).');
    end
    R = [cos(angle), -sin(angle); sin(angle), cos(angle)];
    A = R * diag(double([1, kappa])) * R';
    A = (A + A') / 2;
    prob = gd_quadratic(A);
    prob.name = 'ellipse';
    prob.L = double(kappa);
    prob.mu = 1;
    prob.theta_star = [0; 0];
    prob.f_star = 0;
    prob.description = sprintf('ellipse 1/2(x^2 + %g y^2), angle %g', kappa, angle);
  otherwise
    error('gdflow:gd_testfun:badName', ...
          'gd_testfun: unknown test function ''%s''; expected rosenbrock, beale, himmelblau, booth or ellipse.', name);
end
end

% Tests of gd_testfun (Octave: test gd_testfun)
%!test
%! % the known minimizers have zero gradient and f = f_star
%! for name = {'rosenbrock', 'beale', 'himmelblau', 'booth'}
%!   p = gd_testfun(name{1});
%!   for j = 1:size(p.theta_star, 2)
%!     [f, g] = gd_eval(p, p.theta_star(:, j));
%!     assert (f, p.f_star, 1e-12);
%!     assert (norm(g) <= 1e-10, [name{1} ': gradient not 0 at theta_star']);
%!   end
%! end
%! assert (size(gd_testfun('himmelblau').theta_star), [2, 4]);

%!test
%! % Rosenbrock is not globally L-smooth; the ellipse is a quadratic of condition kappa
%! assert (isnan(gd_testfun('rosenbrock').L));
%! p = gd_testfun('ellipse', 10, pi / 6);
%! assert (p.type, 'quadratic');
%! assert (p.L / p.mu, 10, 1e-12);
%! assert (eig(p.A), [1; 10], 1e-12);
%! assert (p.theta_star, [0; 0]);

%!test
%! % the extended Rosenbrock function in D dimensions: minimizer ones(D, 1)
%! p = gd_testfun('rosenbrock', 5);
%! assert (p.d, 5);
%! assert (p.theta_star, ones(5, 1));
%! assert (gd_eval(p, ones(5, 1)), 0);

%!error id=gdflow:gd_testfun:badName gd_testfun('nope')
%!error id=gdflow:gd_testfun:badKappa gd_testfun('ellipse', 0)
%!error id=gdflow:gd_testfun:badDim gd_testfun('rosenbrock', 1e20)
