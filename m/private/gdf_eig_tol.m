function tol = gdf_eig_tol(lam)
%GDF_EIG_TOL  The one eigenvalue tolerance of gdflow: 1e3*eps*max|lambda|.
%   An eigenvalue below -TOL counts as negative, one within TOL of 0 as 0.
%   LAM holds the (extreme) eigenvalues; NaN entries are ignored, and
%   realmin keeps TOL positive when they are all 0.  The same rule as
%   gdf_eig_tol in mex/gdf_stationary.c (the second-order test of gd_run and
%   gf_run and the convexity of gf_run); change both together.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
tol = 1e3 * eps * max(abs([lam(:); realmin]));
end
