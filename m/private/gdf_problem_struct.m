function prob = gdf_problem_struct(type, name, d, data, L, mu, theta_star, f_star, description)
%GDF_PROBLEM_STRUCT  Assemble a gdflow problem struct (private helper).
%   The field order is the same for every family, so problems of different
%   families can be kept in one struct array.  DATA is a struct with the
%   family's fields (A, b, c, X, y, lambda, params, G, Gkey, Ganchor);
%   missing ones are [].  G, Gkey, Ganchor: least squares' X'X/m, the
%   fingerprint of X, y, G and Ganchor, and a first anchor of the Gram form
%   (gd_leastsq; gdf_mexutil.c uses them only when the fingerprint matches).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = {'A', 'b', 'c', 'X', 'y', 'lambda', 'params', 'G', 'Gkey', 'Ganchor'};
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
if ~isempty(vals{8}) || isfield(data, 'colms') || ~isempty(X)
  % the columns' mean squares: from least squares' G = X'X/m (its diagonal)
  % or given by the constructor (DATA.colms), so no second pass over X
  if ~isempty(vals{8})
    rms = sqrt(diag(vals{8}))';
  elseif isfield(data, 'colms')
    rms = sqrt(data.colms(:))';
  else
    rms = full(sqrt(sum(X .^ 2, 1) / size(X, 1)));
  end
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
              'kappa', kappa, 'scale_ratio', scale_ratio, 'G', {vals{8}}, 'Gkey', {vals{9}}, ...
              'Ganchor', {vals{10}});
end
