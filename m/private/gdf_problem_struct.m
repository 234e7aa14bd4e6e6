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
prob = struct('type', type, 'name', name, 'd', d, ...
              'A', {vals{1}}, 'b', {vals{2}}, 'c', {vals{3}}, ...
              'X', {vals{4}}, 'y', {vals{5}}, 'lambda', {vals{6}}, 'params', {vals{7}}, ...
              'L', L, 'mu', mu, 'theta_star', {theta_star}, 'f_star', f_star, ...
              'convex', convex, 'description', description, 'G', {vals{8}}, 'Gkey', {vals{9}}, ...
              'Ganchor', {vals{10}});
end
