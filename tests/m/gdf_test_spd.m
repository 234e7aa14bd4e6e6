function A = gdf_test_spd(d, lmin, lmax, seed)
%GDF_TEST_SPD  A d-by-d symmetric positive definite test matrix.
%   A = GDF_TEST_SPD(D, LMIN, LMAX, SEED): eigenvalues logspace(LMIN..LMAX)
%   in a random orthogonal basis (randn('seed', SEED)), symmetric exactly.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
randn('seed', seed);
[Q, ~] = qr(randn(d));
A = Q * diag(logspace(log10(lmin), log10(lmax), d)) * Q';
A = (A + A') / 2;
end
