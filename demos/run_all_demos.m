%RUN_ALL_DEMOS  Run every lecture demo (what "make demos" runs).
%   Every demos/demo_*.m runs, in a workspace of its own: demo_overview
%   first, then the claims in the order of the lecture, then any others.
%   Each demo reproduces one claim of the lecture text, prints its table of
%   measured numbers beside the theory and writes its figures to
%   demos/figures/.  Set GDF_QUICK = true for small sizes, GDF_FIGDIR to
%   write the figures elsewhere and GDF_STYLE = 'paper' for print-sized
%   figures (default 'slides') before running this script.  A demo whose
%   measured numbers violate its claim stops the run with an error.
%
%   Run:  make demos      or, in Octave/MATLAB:  cd demos; run_all_demos

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~exist('GDF_QUICK', 'var')
  GDF_QUICK = false;
end
if ~exist('GDF_FIGDIR', 'var')
  GDF_FIGDIR = '';
end
if ~exist('GDF_STYLE', 'var')
  GDF_STYLE = '';
end
gdf_demo_names = gdf_demo_list(fileparts(mfilename('fullpath')));   % every demo_*.m, lecture order
gdf_demo_times = zeros(1, numel(gdf_demo_names));
for gdf_demo_i = 1:numel(gdf_demo_names)
  gdf_demo_t0 = tic;
  gdf_demo_run(gdf_demo_names{gdf_demo_i}, GDF_QUICK, GDF_FIGDIR, GDF_STYLE);
  gdf_demo_times(gdf_demo_i) = toc(gdf_demo_t0);
end
fprintf('\nrun_all_demos: %d demos ran, no claim violated.\n', numel(gdf_demo_names));
for gdf_demo_i = 1:numel(gdf_demo_names)
  fprintf('  %-22s %6.1f s\n', gdf_demo_names{gdf_demo_i}, gdf_demo_times(gdf_demo_i));
end
