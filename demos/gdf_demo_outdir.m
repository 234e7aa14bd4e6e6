function outdir = gdf_demo_outdir(here, figdir)
%GDF_DEMO_OUTDIR  The folder a demo writes its figures to (created if missing).
%   OUTDIR = GDF_DEMO_OUTDIR(HERE, FIGDIR) is FIGDIR when it is non-empty (a
%   demo passes its workspace variable GDF_FIGDIR), else HERE/figures.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 2 || isempty(figdir)
  outdir = fullfile(here, 'figures');
else
  outdir = figdir;
end
if ~exist(outdir, 'dir')
  mkdir(outdir);
end
warning('off', 'Octave:gnuplot-graphics');
warning('off', 'Octave:negative-data-log-axis');   % the legend of a log plot triggers it
end
