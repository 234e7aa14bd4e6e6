% Tests of gf_exact: closed-form flow and GD iterates against Octave's expm, a GD loop, errors.
% Run: octave-cli --eval "addpath('m'); test('tests/m/test_gf_exact.m')"

%!function A = sym_eig(lam, seed)
%!  randn('seed', seed);
%!  [Q, ~] = qr(randn(numel(lam)));
%!  A = Q * diag(lam) * Q';
%!  A = (A + A') / 2;
%!endfunction

%!function e = relerr(X, R)
%!  e = max(abs(X(:) - R(:))) / max(abs(R(:)));
%!endfunction

%!function R = flow_ref(A, b, x0, t)
%!  % Octave's expm of the augmented matrix: [theta(t); 1] = expm(t [-A b; 0 0]) [theta0; 1]
%!  d = numel(x0);  M = [-A, b(:); zeros(1, d + 1)];
%!  R = zeros(numel(t), d);
%!  for i = 1:numel(t)
%!    y = expm(t(i) * M) * [x0(:); 1];
%!    R(i, :) = y(1:d)';
%!  endfor
%!endfunction

%!function X = gd_loop(A, b, x0, eta, K)
%!  X = zeros(K + 1, numel(x0));  x = x0(:);  X(1, :) = x';
%!  for k = 1:K
%!    x = x - eta * (A * x - b(:));
%!    X(k + 1, :) = x';
%!  endfor
%!endfunction

%!test
%! % SPD: theta* + expm(-A t)(theta0 - theta*) to 1e-12, and the augmented expm
%! A = sym_eig(logspace(-1, 1, 6), 1);  randn('seed', 2);  b = randn(6, 1);  x0 = randn(6, 1);
%! t = [0 0.05 0.5 2 7 -0.2];
%! T = gf_exact(A, b, x0, t);
%! assert (size(T), [numel(t) 6]);
%! ts = A \ b;
%! for i = 1:numel(t)
%!   R = ts + expm(-A * t(i)) * (x0 - ts);
%!   assert (relerr(T(i, :)', R) < 1e-12);
%! endfor
%! assert (relerr(T, flow_ref(A, b, x0, t)) < 1e-12);
%! assert (T(1, :), x0', 1e-15 * norm(x0, Inf));

%!test
%! % semidefinite, b outside range(A): exact drift z0 + t c on the null space
%! randn('seed', 3);  [Q, ~] = qr(randn(5));  lam = [0 0 0.5 1 4];
%! A = Q * diag(lam) * Q';  A = (A + A') / 2;  b = randn(5, 1);  x0 = randn(5, 1);
%! c = Q' * b;  z0 = Q' * x0;
%! assert (norm(c(1:2)) > 0.1);            % b really has a null-space part
%! t = [0.5 3 50 400];
%! T = gf_exact(A, b, x0, t);
%! for i = 1:numel(t)
%!   z = z0;
%!   z(1:2) = z0(1:2) + t(i) * c(1:2);
%!   z(3:5) = exp(-lam(3:5)' * t(i)) .* z0(3:5) - expm1(-lam(3:5)' * t(i)) ./ lam(3:5)' .* c(3:5);
%!   assert (relerr(T(i, :)', Q * z) < 1e-12);
%! endfor
%! assert (relerr(T, flow_ref(A, b, x0, t)) < 1e-11);

%!test
%! % exact zero eigenvalues (diagonal A): the drift is exact even at t = 1e6
%! T = gf_exact(diag([0 2 0]), [1; 2; -3], [1; 1; 1], 1e6);
%! assert (T, [1 + 1e6, 1, 1 - 3e6], 1e-15 * 3e6);

%!test
%! % indefinite A (a saddle): theta* + expm(-A t)(theta0 - theta*)
%! A = sym_eig([-2 -0.5 1 3], 4);  randn('seed', 5);  b = randn(4, 1);  x0 = randn(4, 1);
%! t = [0.3 1 4];
%! T = gf_exact(A, b, x0, t);
%! ts = A \ b;
%! for i = 1:numel(t)
%!   assert (relerr(T(i, :)', ts + expm(-A * t(i)) * (x0 - ts)) < 1e-12);
%! endfor

%!test
%! % nonsymmetric A, nonnormal, and a badly scaled similarity D*B/D (entries over 1e6)
%! randn('seed', 6);  B = randn(5) + 3 * eye(5);  B(1, 5) = 40;
%! D = diag([1 1e3 1e-3 1e2 1]);
%! for A = {B, D * B / D}
%!   A = A{1};  b = randn(5, 1);  x0 = randn(5, 1);  t = [0.1 1 2.5];
%!   T = gf_exact(A, b, x0, t);
%!   ts = A \ b;
%!   for i = 1:numel(t)
%!     assert (relerr(T(i, :)', ts + expm(-A * t(i)) * (x0 - ts)) < 1e-12);
%!   endfor
%!   assert (relerr(T, flow_ref(A, b, x0, t)) < 1e-12);
%! endfor

%!test
%! % b = [] is b = 0; the eig and expm methods agree on a symmetric A
%! A = sym_eig([0.2 1 5], 7);  x0 = [1; -2; 0.5];  t = [0.2 1 3];
%! assert (gf_exact(A, [], x0, t), gf_exact(A, zeros(3, 1), x0, t), 0);
%! T1 = gf_exact(A, [1; 2; 3], x0, t, 'Method', 'eig');
%! T2 = gf_exact(A, [1; 2; 3], x0, t, 'Method', 'expm');
%! assert (relerr(T2, T1) < 1e-12);
%! R = zeros(3);
%! for i = 1:3
%!   R(i, :) = (expm(-A * t(i)) * x0)';
%! endfor
%! assert (relerr(gf_exact(A, [], x0, t), R) < 1e-12);

%!test
%! % iterates equal a plain GD loop for k = 0..50 (SPD, semidefinite, indefinite;
%! % eta*lambda on both sides of 1 and exactly 1 and 2), symmetric and general paths
%! cases = {sym_eig([0.2 0.5 1 2 4], 8), 0.4; sym_eig([0 0 1 2 3], 9), 0.45; ...
%!          sym_eig([-0.3 0.1 0.5 1 2], 10), 0.3; diag([0.25 0.5 1 2 4]), 0.5};
%! randn('seed', 11);  B = randn(5) / 3 + eye(5);
%! cases(end + 1, :) = {B, 0.5};
%! for c = 1:rows(cases)
%!   A = cases{c, 1};  eta = cases{c, 2};  b = randn(5, 1);  x0 = randn(5, 1);
%!   X = gd_loop(A, b, x0, eta, 50);
%!   T = gf_exact(A, b, x0, 0:50, 'Iterates', eta);
%!   assert (relerr(T, X) < 1e-12);
%!   if c <= 4
%!     T = gf_exact(A, b, x0, 0:50, 'Iterates', eta, 'Method', 'expm');
%!     assert (relerr(T, X) < 1e-12);
%!   endif
%! endfor

%!test
%! % k = 1e6: finite and right (SPD: theta*; semidefinite: the drift eta*k*c)
%! A = sym_eig([0.2 0.5 1 2 4], 12);  b = [1; 2; 3; 4; 5];  x0 = -b;
%! T = gf_exact(A, b, x0, [1e6 1], 'Iterates', 0.4);
%! assert (all(isfinite(T(:))));
%! assert (relerr(T(1, :)', A \ b) < 1e-12);
%! assert (relerr(T(2, :)', x0 - 0.4 * (A * x0 - b)) < 1e-14);
%! T = gf_exact(A, b, x0, 1e6, 'Iterates', 0.4, 'Method', 'expm');
%! assert (relerr(T', A \ b) < 1e-10);
%! T = gf_exact([0 0; 0 1], [2; 1], [0.5; -1], 1e6, 'Iterates', 0.1);
%! assert (T, [0.5 + 0.1 * 1e6 * 2, 1], 1e-15 * 2e5);

%!test
%! % several starting points: nt x d x m, each slice the single-start answer
%! randn('seed', 13);  A = randn(4) + 3 * eye(4);  b = randn(4, 1);  X0 = randn(4, 3);
%! S = sym_eig([0.5 1 2 3], 14);
%! for M = {A, S}
%!   for it = 0:1
%!     if it
%!       t = [0 7 123];  args = {'Iterates', 0.2};
%!     else
%!       t = [0.2 1 3];  args = {};
%!     endif
%!     T = gf_exact(M{1}, b, X0, t, args{:});
%!     assert (size(T), [3 4 3]);
%!     for j = 1:3
%!       assert (relerr(T(:, :, j), gf_exact(M{1}, b, X0(:, j), t, args{:})) < 1e-14);
%!     endfor
%!   endfor
%! endfor

%!test
%! % a gd_quadratic problem struct; theta0 as a row; unsorted and negative times
%! A = [3 1; 1 2];  b = [1; 1];  prob = gd_quadratic(A, b);
%! t = [2 -0.5 0 1];
%! assert (gf_exact(prob, [2 1], t), gf_exact(A, b, [2; 1], t), 0);
%! assert (gf_exact(prob, [2; 1], [3 0], 'Iterates', 0.4), ...
%!         gf_exact(A, b, [2; 1], [3 0], 'Iterates', 0.4), 0);
%! assert (relerr(gf_exact(prob, [2; 1], t), flow_ref(A, b, [2; 1], t)) < 1e-12);
%! assert (size(gf_exact(A, b, [2; 1], zeros(1, 0))), [0 2]);

%!test
%! % an A symmetric up to rounding is symmetrized (the eig path); sparse A is accepted
%! A = sym_eig([1 2 3], 15);  A(1, 2) = A(1, 2) * (1 + eps);
%! T = gf_exact(A, [], [1; 1; 1], 1, 'Method', 'eig');
%! assert (relerr(T', expm(-(A + A') / 2) * [1; 1; 1]) < 1e-12);
%! assert (gf_exact(sparse([2 0; 0 1]), [], [1; 1], 1), exp([-2 -1]), 1e-15);

%!test
%! % Al-Mohy & Higham's overscaling example A = [1 b; 0 -1], b = 1e8: exp(A) =
%! % [e, b (e - 1/e)/2; 0, 1/e].  gf_exact(-A, [], I, 1) is expm(A) column by
%! % column; the transpose takes the general (non-triangular) path.  Octave's own
%! % expm loses about 8 digits here.
%! for bb = [1e6 1e8]
%!   A = [1 bb; 0 -1];  X = [exp(1), bb * sinh(1); 0, exp(-1)];
%!   for tr = 0:1
%!     if tr
%!       A = A';  X = X';
%!     endif
%!     E = squeeze(gf_exact(-A, [], eye(2), 1));
%!     err_ours = norm(E - X, 1) / norm(X, 1);
%!     err_oct = norm(expm(A) - X, 1) / norm(X, 1);
%!     assert (err_ours < 1e-14);
%!     assert (abs(E(2, 2) - X(2, 2)) / X(2, 2) < 1e-14);
%!     assert (err_ours < err_oct / 100 || err_oct < 1e-14);
%!   endfor
%! endfor

% ---- errors ----
%!error id=gdflow:gf_exact:notEnoughInputs gf_exact(eye(2), [], [1; 2])
%!error id=gdflow:gf_exact:notEnoughInputs gf_exact(gd_quadratic(eye(2)), [1; 2])
%!error id=gdflow:gf_exact:badProblem gf_exact(struct('X', 1), [1; 2], 1)
%!error id=gdflow:gf_exact:notSquare gf_exact([1 2 3; 4 5 6], [], [1; 2], 1)
%!error id=gdflow:gf_exact:notSquare gf_exact([], [], [], 1)
%!error id=gdflow:gf_exact:notDouble gf_exact(single(eye(2)), [], [1; 2], 1)
%!error id=gdflow:gf_exact:notDouble gf_exact(eye(2), [], [1; 2], 'ab')
%!error id=gdflow:gf_exact:complex gf_exact([1 1i; 0 1], [], [1; 2], 1)
%!error id=gdflow:gf_exact:complex gf_exact(eye(2), [1i; 0], [1; 2], 1)
%!error id=gdflow:gf_exact:complex gf_exact(eye(2), [], [1; 2i], 1)
%!error id=gdflow:gf_exact:nonFinite gf_exact([1 NaN; 0 1], [], [1; 2], 1)
%!error id=gdflow:gf_exact:nonFinite gf_exact(eye(2), [Inf; 0], [1; 2], 1)
%!error id=gdflow:gf_exact:nonFinite gf_exact(eye(2), [], [NaN; 2], 1)
%!error id=gdflow:gf_exact:nonFinite gf_exact(eye(2), [], [1; 2], [1 Inf])
%!error id=gdflow:gf_exact:badSize gf_exact(eye(2), [1; 2; 3], [1; 2], 1)
%!error id=gdflow:gf_exact:badSize gf_exact(eye(2), [], [1; 2; 3], 1)
%!error id=gdflow:gf_exact:badSize gf_exact(eye(2), [], [1; 2], ones(2))
%!error id=gdflow:gf_exact:badIndex gf_exact(eye(2), [], [1; 2], -1, 'Iterates', 0.5)
%!error id=gdflow:gf_exact:badIndex gf_exact(eye(2), [], [1; 2], [0 1.5], 'Iterates', 0.5)
%!error id=gdflow:gf_exact:badIndex gf_exact(eye(2), [], [1; 2], 2^54, 'Iterates', 0.5)
%!error id=gdflow:gf_exact:badOption gf_exact(eye(2), [], [1; 2], 1, 'Iterates', 0)
%!error id=gdflow:gf_exact:badOption gf_exact(eye(2), [], [1; 2], 1, 'Iterates', -1)
%!error id=gdflow:gf_exact:badOption gf_exact(eye(2), [], [1; 2], 1, 'Iterates', Inf)
%!error id=gdflow:gf_exact:badOption gf_exact(eye(2), [], [1; 2], 1, 'Iterates', 'big')
%!error id=gdflow:gf_exact:badOption gf_exact(eye(2), [], [1; 2], 1, 'Method', 'taylor')
%!error id=gdflow:gf_exact:unknownOption gf_exact(eye(2), [], [1; 2], 1, 'Iterate', 0.5)
%!error id=gdflow:gf_exact:missingValue gf_exact(eye(2), [], [1; 2], 1, 'Iterates')
%!error id=gdflow:gf_exact:notSymmetric gf_exact([1 2; 0 1], [], [1; 2], 1, 'Method', 'eig')
