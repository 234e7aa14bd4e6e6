% test_trust_archfin.m - issue 13 (architecture), the last step: the
% conversion of problem structs split into one helper per family
% (gdf_mexutil.c), gf_exact's gateway split into parse / run / raise_status,
% and rules written once (gdf_eig_tol, gdf_check_xy).  Every identifier,
% message and the order in which the checks fire stay as they were.
%   test('tests/m/test_trust_archfin.m')

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later

%!function check_err(f, id, msg)
%!  try
%!    f();
%!    got = '';  m = '';
%!  catch err
%!    got = err.identifier;  m = err.message;
%!  end
%!  assert (got, id);
%!  assert (~isempty(strfind(m, msg)), m);
%!endfunction

%!test
%! % gd_leastsq and gd_logistic: the size checks (one helper), word for word
%! check_err(@() gd_leastsq(zeros(0, 2), zeros(0, 1)), 'gdflow:gd_leastsq:badSize', ...
%!           'gd_leastsq: X must be non-empty.');
%! check_err(@() gd_leastsq(ones(3, 2), ones(2, 1)), 'gdflow:gd_leastsq:badSize', ...
%!           'gd_leastsq: y must be a vector with one entry per row of X (3), not 2.');
%! check_err(@() gd_logistic(zeros(2, 0), [0; 1]), 'gdflow:gd_logistic:badSize', ...
%!           'gd_logistic: X must be non-empty.');
%! check_err(@() gd_logistic(ones(3, 2), ones(3, 3)), 'gdflow:gd_logistic:badSize', ...
%!           'gd_logistic: y must be a vector with one entry per row of X (3), not 9.');

%!test
%! % one eigenvalue tolerance 1e3*eps*max|lambda|: gd_quadratic calls mu = -tol/2
%! % singular PSD (a finite f_star), mu = -2 tol indefinite (f unbounded below)
%! tol = 1e3 * eps;
%! p = gd_quadratic(diag([1, -0.5 * tol]), [1; 0]);
%! assert (p.f_star, -0.5, 1e-15);
%! p = gd_quadratic(diag([1, -2 * tol]), [1; 0]);
%! assert (p.f_star, -Inf);

%!test
%! % a problem struct: each family's checks fire in their former order
%! p = gd_leastsq([1 0; 0 1; 1 1], [1; 2; 3]);
%! q = p;  q.X = zeros(0, 2);  q.gram = 'maybe';          % X before gram
%! check_err(@() gd_run(q, [0; 0]), 'gdflow:gd_run:badProblem', 'problem field X must be non-empty.');
%! q = p;  q.gram = 'maybe';
%! check_err(@() gd_run(q, [0; 0]), 'gdflow:gd_run:badProblem', 'problem field gram must be');
%! q = p;  q.lambda = -1;  q.gram = 'maybe';              % lambda before gram
%! check_err(@() gd_run(q, [0; 0]), 'gdflow:gd_run:badProblem', 'problem field lambda must be >= 0.');
%! q = p;  q.L = Inf;  q.gram = 'maybe';                  % the family before the constants
%! check_err(@() gd_run(q, [0; 0]), 'gdflow:gd_run:badProblem', 'problem field gram must be');
%! q = p;  q.L = Inf;
%! check_err(@() gd_run(q, [0; 0]), 'gdflow:gd_run:badProblem', 'problem fields L and mu must be finite');
%! q = p;  q.d = 5;                                       % d after L, mu, f_star; theta0 last
%! check_err(@() gd_run(q, [0; 0; 0]), 'gdflow:gd_run:badProblem', 'problem field d = 5 does not match');
%! check_err(@() gd_run(p, [0; 0; 0]), 'gdflow:gd_run:dimMismatch', 'theta0 has 3 rows');
%! g = gd_logistic([1 0; 0 1; 1 1], [0; 1; 1]);
%! g.y = [0; 2; 1];  g.lambda = -1;                       % labels before lambda
%! check_err(@() gd_run(g, [0; 0]), 'gdflow:gd_run:badProblem', 'logistic labels y must be 0 or 1 (y(2) = 2).');
%! Q = gd_quadratic([2 0; 0 1], [1; 1]);
%! Q.A = [2 1; 0 1];  Q.b = [1; 1; 1];                    % symmetry before b
%! check_err(@() gd_run(Q, [0; 0]), 'gdflow:gd_run:notSymmetric', 'problem field A must be symmetric');
%! Q.A = sparse([2 0; 0 NaN]);
%! check_err(@() gd_run(Q, [0; 0]), 'gdflow:gd_run:nonFinite', 'problem field A has non-finite entries.');
%! T = gd_testfun('rosenbrock', 2);
%! T.params = [1 2 3];
%! check_err(@() gd_run(T, [0; 0]), 'gdflow:gd_run:badProblem', 'rosenbrock params must be [a b].');
%! th = gd_run(@(x) deal(sum(x .^ 2), 2 * x), [1; 1], 'StepSize', 0.25);  % a handle: its own path
%! assert (th, [0; 0], 1e-5);

%!test
%! % gf_exact: usage and size checks first, then the options, then the library's statuses
%! A = [2 0; 0 1];
%! check_err(@() gf_exact(A, [], [1; 1]), 'gdflow:gf_exact:notEnoughInputs', 'usage');
%! check_err(@() gf_exact(ones(2, 3), [1; 1; 1], [1; 1], 0), 'gdflow:gf_exact:notSquare', ...
%!           'A must be square and non-empty (it is 2x3).');
%! check_err(@() gf_exact(A, [1; 1; 1], ones(3, 3), 0), 'gdflow:gf_exact:badSize', 'b must be [] or a vector of length 2');
%! check_err(@() gf_exact(A, [], ones(3, 3), ones(2, 2)), 'gdflow:gf_exact:badSize', 'theta0 must be a vector of length 2');
%! check_err(@() gf_exact(A, [], [1; 1], ones(2, 2), 'Method', 'nope'), 'gdflow:gf_exact:badSize', ...
%!           't must be a vector (it is 2x2).');
%! check_err(@() gf_exact(A, [], [1; 1], [0 1.5], 'Iterates', 0.1), 'gdflow:gf_exact:badIndex', ...
%!           '(entry 2 is 1.5)');
%! check_err(@() gf_exact([2 1; 0 1], [], [1; 1], 1, 'Method', 'eig'), 'gdflow:gf_exact:notSymmetric', ...
%!           'Method ''eig'' needs a symmetric A');
%! Th = gf_exact(A, [], [1 1; 1 1], [0 1]);
%! assert (size(Th), [2 2 2]);
%! assert (Th(2, :, 1), exp(-[2 1]), 1e-15);
