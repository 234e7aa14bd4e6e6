function [J, grad] = gdf_cw_cost(theta, X, y)
%GDF_CW_COST  The coursework's costFunction.m for logistic regression.
%   [J, GRAD] = GDF_CW_COST(THETA, X, Y) is the mean log-loss of the
%   hypothesis h = sigmoid(X*THETA) and its gradient, written as ex2's
%   costFunction.m is (J = mean(-y.*log(h) - (1-y).*log(1-h)),
%   grad = X'*(h - y)/m): what fminunc is handed in the exercise.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
h = 1 ./ (1 + exp(-X * theta));
J = mean(-y .* log(h) - (1 - y) .* log(1 - h));
grad = X' * (h - y) / numel(y);
end
