function fig = gdf_demo_figure(w, h)
%GDF_DEMO_FIGURE  An invisible figure of W-by-H pixels in the demo's style.
%   FIG = GDF_DEMO_FIGURE(W, H) opens an invisible white figure whose axes,
%   text and legend fonts, line widths and colour order follow the style of
%   the calling demo: its workspace variable GDF_STYLE (else the base
%   workspace's), 'slides' (default:
%   16 pt fonts, lines 2.5) or 'paper' (14 pt, lines 1.5; 0.85 of the size),
%   see gdf_demo_style, with the Okabe-Ito colour order (gdf_demo_palette).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
name = '';
try
  % the demo's workspace, else the base one (as gdf_demo_setup: publish)
  if evalin('caller', 'exist(''GDF_STYLE'', ''var'')')
    name = evalin('caller', 'GDF_STYLE');
  elseif evalin('base', 'exist(''GDF_STYLE'', ''var'')')
    name = evalin('base', 'GDF_STYLE');
  end
catch
  name = '';
end
s = gdf_demo_style(name);
fig = figure('visible', 'off', 'position', [0 0 round(s.scale * w) round(s.scale * h)], 'color', 'w', ...
             'defaultaxesfontsize', s.font, 'defaulttextfontsize', s.font, ...
             'defaultlinelinewidth', s.line, 'defaultaxeslinewidth', 1, ...
             'defaultaxescolororder', gdf_demo_palette(7));
setappdata(fig, 'gdf_style', s);
end
