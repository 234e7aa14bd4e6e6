function [q, kind] = gdf_rate(L, mu, eta, quadratic)
%GDF_RATE  Theoretical per-iteration contraction of f - f* for GD with step ETA.
%   [Q, KIND] = GDF_RATE(L, MU, ETA, QUADRATIC) returns the factor Q with
%   f_k - f* <= C * Q^k * (f_0 - f*) from the theory of the lecture text:
%     quadratics:        Q = max(|1 - eta*L|, |1 - eta*mu|)^2 (exact worst case)
%     strongly convex:   eta = 1/L gives Q = 1 - mu/L (the text's theorem);
%                        eta <= 2/(L+mu) gives Q = max|1 - eta*lambda|^2
%                        with C = L/mu
%   KIND is 'linear' when Q < 1, 'sublinear' when mu = 0 (the O(1/k) bound
%   applies instead), 'unstable' when eta >= 2/L, 'unknown' when L is NaN.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
q = NaN;
if ~(isfinite(L) && L > 0) || ~(isfinite(eta) && eta > 0)
  kind = 'unknown';
  return
end
if eta >= 2 / L
  kind = 'unstable';
  q = abs(1 - eta * L) ^ 2;
  return
end
if ~(isfinite(mu) && mu > 0)
  kind = 'sublinear';
  return
end
kind = 'linear';
if quadratic
  q = max(abs(1 - eta * L), abs(1 - eta * mu)) ^ 2;
elseif abs(eta * L - 1) < 1e-12
  q = 1 - mu / L;
else
  q = max(abs(1 - eta * L), abs(1 - eta * mu)) ^ 2;
end
end
