function x = gdf_check_matrix(x, fn, name, allow_sparse, convert)
%GDF_CHECK_MATRIX  Raise gdflow:<fn>:<what> unless X is a real finite double matrix.
%   X = GDF_CHECK_MATRIX(X, FN, NAME, ALLOW_SPARSE, CONVERT): with CONVERT
%   true, a logical, integer or single X (labels y == c, uint8 pixels, ...)
%   is accepted and returned as double (exact: every logical, single and
%   integer value up to 2^53 is a double); without it only double passes.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 5
  convert = false;
end
if convert && (islogical(x) || (isnumeric(x) && ~isa(x, 'double')))
  if ~isreal(x)
    error(['gdflow:' fn ':complex'], '%s: %s must be real, not complex.', fn, name);
  end
  x = double(x);
end
if ~isnumeric(x) || ~isa(x, 'double')
  if convert
    error(['gdflow:' fn ':notDouble'], '%s: %s must be a real numeric or logical matrix, not %s.', fn, name, class(x));
  end
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
