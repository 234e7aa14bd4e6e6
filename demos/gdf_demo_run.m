function out = gdf_demo_run(name, quick, figdir, style)
%GDF_DEMO_RUN  Run one demo script in a workspace of its own.
%   OUT = GDF_DEMO_RUN(NAME, QUICK, FIGDIR, STYLE) runs the demo script NAME
%   with GDF_QUICK = QUICK, GDF_FIGDIR = FIGDIR and GDF_STYLE = STYLE
%   ('slides' or 'paper'; default '' = slides) set, so that demos run one
%   after the other cannot see each other's variables.  OUT is the printed
%   output when requested (the demo then prints nothing).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
GDF_QUICK = quick; %#ok<NASGU>
GDF_FIGDIR = figdir; %#ok<NASGU>
if nargin < 4
  style = '';
end
GDF_STYLE = style; %#ok<NASGU>
if nargout > 0
  out = evalc(name);
else
  eval(name);
end
end
