function gdf_check_matrix(x, fn, name, allow_sparse)
%GDF_CHECK_MATRIX  Raise gdflow:<fn>:<what> unless X is a real finite double matrix.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~isnumeric(x) || ~isa(x, 'double')
  error(['gdflow:' fn ':notDouble'], '%s: %s must be a real double matrix, not %s.', fn, name, class(x));
end
if ~isreal(x)
  error(['gdflow:' fn ':complex'], '%s: %s must be real, not complex.', fn, name);
end
if issparse(x) && ~allow_sparse
  error(['gdflow:' fn ':sparse'], '%s: %s must be a full matrix.', fn, name);
end
if ndims(x) > 2
  error(['gdflow:' fn ':badSize'], '%s: %s must be a matrix, not an N-D array.', fn, name);
end
if issparse(x)
  [~, ~, v] = find(x);
  ok = all(isfinite(v));
else
  % a finite sum proves every entry finite (one read of x, no temporary);
  % only a non-finite sum (a NaN or Inf, or an overflow) needs the full check
  ok = isfinite(sum(x(:))) || all(isfinite(x(:)));
end
if ~ok
  error(['gdflow:' fn ':nonFinite'], '%s: %s must be finite (it has NaN or Inf entries).', fn, name);
end
end
