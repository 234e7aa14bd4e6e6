function map = gdf_animate_palette()
%GDF_ANIMATE_PALETTE  The 256 colours of gdflow's GIF frames.
%   MAP(1:8, :) are the Okabe-Ito colours (black last), then white, 31
%   greys, and a 6x6x6 colour cube for everything else (contour colour
%   maps).  Fixed, so that every frame and every animation has the same
%   palette and a colour can be found again by its index.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
oi = [0 0.447 0.698; 0.835 0.369 0; 0 0.620 0.451; 0.800 0.475 0.655; 0.337 0.706 0.914; ...
      0.902 0.624 0; 0.941 0.894 0.259; 0 0 0];
g = (1:31)' / 32;
[r, gg, b] = ndgrid((0:5) / 5);
cube = [r(:), gg(:), b(:)];
cube = cube(2:end - 1, :);                    % black and white are there already
map = [oi; 1 1 1; g, g, g; cube];
map = [map; repmat([1 1 1], 256 - size(map, 1), 1)];
end
