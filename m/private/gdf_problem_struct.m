function prob = gdf_problem_struct(type, name, d, data, L, mu, theta_star, f_star, description)
%GDF_PROBLEM_STRUCT  Assemble a gdflow problem struct (private helper).
%   The field order is the same for every family, so problems of different
%   families can be kept in one struct array.  DATA is a struct with the
%   family's fields (A, b, c, X, y, lambda, params); missing ones are [].

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = {'A', 'b', 'c', 'X', 'y', 'lambda', 'params'};
vals = cell(1, numel(names));
for i = 1:numel(names)
  if isfield(data, names{i})
    vals{i} = data.(names{i});
  else
    vals{i} = [];
  end
end
convex = isfinite(mu) && mu >= 0;
% kappa: the condition number L/mu where mu > 0 is known (quadratics: of A,
% least squares: of X'X/m); NaN otherwise (a family may set its own, as
% gd_logistic does).  scale_ratio: max/min of the root-mean-square of the
% nonzero columns of X (NaN without X), the "features on different scales"
% of gd_run's hint.
kappa = NaN;
if isfinite(L) && isfinite(mu) && mu > 0
  kappa = L / mu;
end
scale_ratio = NaN;
X = vals{4};
if ~isempty(X)
  rms = full(sqrt(sum(X .^ 2, 1) / size(X, 1)));
  rms = rms(rms > 0);
  if ~isempty(rms)
    scale_ratio = max(rms) / min(rms);
  end
end
prob = struct('type', type, 'name', name, 'd', d, ...
              'A', {vals{1}}, 'b', {vals{2}}, 'c', {vals{3}}, ...
              'X', {vals{4}}, 'y', {vals{5}}, 'lambda', {vals{6}}, 'params', {vals{7}}, ...
              'L', L, 'mu', mu, 'theta_star', {theta_star}, 'f_star', f_star, ...
              'convex', convex, 'description', description, ...
              'kappa', kappa, 'scale_ratio', scale_ratio);
end
