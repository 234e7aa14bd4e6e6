function [theta, fhist] = gd_reference(fg, theta, eta, K)
%GD_REFERENCE  Plain-Octave gradient descent: the twin the C loop is tested against.
%   [THETA, FHIST] = GD_REFERENCE(FG, THETA0, ETA, K) takes K steps of
%   theta = theta - eta*g with [f, g] = FG(theta); FHIST(k+1) = f(theta_k).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fhist = zeros(1, K + 1);
[f, g] = fg(theta);
fhist(1) = f;
for k = 1:K
  theta = theta - eta * g;
  [f, g] = fg(theta);
  fhist(k + 1) = f;
end
end
