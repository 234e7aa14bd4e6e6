function c = gdf_demo_palette(n)
%GDF_DEMO_PALETTE  The first N colours of the Okabe-Ito palette (N-by-3, cycling).
%   Blue, vermillion, bluish green, reddish purple, sky blue, orange, yellow,
%   black: distinguishable by colour-blind viewers (no red against green) and
%   dark enough for a washed-out projector (yellow comes last).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
oi = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; ...
      0.337 0.706 0.914; 0.902 0.624 0; 0.941 0.894 0.259; 0 0 0];
if nargin < 1
  n = size(oi, 1);
end
c = oi(mod(0:n - 1, size(oi, 1)) + 1, :);
end
