function prob = gdf_problem_struct(type, name, d, data, L, mu, theta_star, f_star, description)
%GDF_PROBLEM_STRUCT  Assemble a gdflow problem struct (private helper).
%   The field order is the same for every family, so problems of different
%   families can be kept in one struct array.  DATA is a struct with the
%   family's fields (A, b, c, X, y, lambda, params, G, Gkey); missing ones
%   are [].  G and Gkey: least squares' X'X/m and the fingerprint of X and y
%   it was formed from (gd_leastsq).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = {'A', 'b', 'c', 'X', 'y', 'lambda', 'params', 'G', 'Gkey'};
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
              'convex', convex, 'description', description, 'G', {vals{8}}, 'Gkey', {vals{9}});
end
