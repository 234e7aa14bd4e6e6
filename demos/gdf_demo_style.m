function s = gdf_demo_style(name)
%GDF_DEMO_STYLE  Font size, line width and size factor of a figure style.
%   S = GDF_DEMO_STYLE(NAME) for NAME 'slides' (the default: read from the
%   back row of a lecture room) or 'paper' (a printed handout) returns a
%   struct with fields name, font (axes font size in points; titles and
%   labels are 1.1 times it), line (default line width), scale (figure
%   size factor).  Both keep every font >= 14 pt and lines >= 1.5.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1 || isempty(name)
  name = 'slides';
end
switch lower(name)
  case 'slides'
    s = struct('name', 'slides', 'font', 16, 'line', 2.5, 'scale', 1);
  case 'paper'
    s = struct('name', 'paper', 'font', 14, 'line', 1.5, 'scale', 0.85);
  otherwise
    error('gdflow:demo:badStyle', 'GDF_STYLE must be ''slides'' or ''paper'', not ''%s''.', name);
end
end
