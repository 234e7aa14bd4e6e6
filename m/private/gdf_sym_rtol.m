function r = gdf_sym_rtol()
%GDF_SYM_RTOL  The one symmetry tolerance of gdflow: max|A - A'| <= r * max|A|.
%   The same number as GDF_SYM_RTOL in mex/gdf_exact.h (documented in
%   mex/gdf_mexutil.h), which the gateways use to refuse a nonsymmetric A in a
%   problem struct (gdflow:<fn>:notSymmetric) and a nonsymmetric Metric
%   (gdflow:<fn>:badMetric), and gf_exact to choose its path; change both together.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
r = 1e-12;
end
