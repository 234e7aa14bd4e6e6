function [v, se] = gdf_sgd_vars(E, V, burn)
%GDF_SGD_VARS  Second moments along eigenvectors, with batch-means standard errors.
%   [V2, SE] = GDF_SGD_VARS(E, V, BURN): E is d x n (iterates minus theta*,
%   one column per record), V holds unit vectors in its columns.  After the
%   first BURN records, V2(i) is the mean of (V(:, i)'*E).^2 and SE(i) its
%   standard error from 20 batch means: no Gaussian assumption (SGD's noise
%   is not Gaussian), valid when each batch spans many relaxation times.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
Y = V' * E(:, burn + 1:end);
v = mean(Y .^ 2, 2);
nb = 20;
Lb = floor(size(Y, 2) / nb);
vb = zeros(size(Y, 1), nb);
for b = 1:nb
  vb(:, b) = mean(Y(:, (b - 1) * Lb + 1:b * Lb) .^ 2, 2);
end
se = std(vb, 0, 2) / sqrt(nb);
end
