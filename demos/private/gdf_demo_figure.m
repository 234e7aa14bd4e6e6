function fig = gdf_demo_figure(w, h)
%GDF_DEMO_FIGURE  An invisible figure of W-by-H pixels with projector-size fonts.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
fig = figure('visible', 'off', 'position', [0 0 w h], 'color', 'w', ...
             'defaultaxesfontsize', 13, 'defaulttextfontsize', 13, 'defaultlinelinewidth', 1.8);
end
