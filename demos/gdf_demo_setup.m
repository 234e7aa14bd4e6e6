function [quick, outdir, here] = gdf_demo_setup(here)
%GDF_DEMO_SETUP  The preamble every demo shares.
%   [QUICK, OUTDIR, HERE] = GDF_DEMO_SETUP(HERE), called from a demo script
%   in the folder HERE: puts ../m on the path in the source tree (an
%   installed package has it there already), reads the caller's GDF_QUICK
%   (smaller sweeps; default false) and GDF_FIGDIR (where figures go;
%   default demos/figures), and returns QUICK and the output folder
%   (created); a variable missing from the caller's workspace is read from
%   the base workspace.  Under publish, mfilename is publish's own name, so HERE is
%   not the demos folder: the demos folder is then found from where the
%   demo list (run_all_demos) is, and returned as HERE.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if isempty(here) || ~exist(fullfile(here, 'run_all_demos.m'), 'file')
  here = fileparts(which('run_all_demos'));
end
mdir = fullfile(here, '..', 'm');
if exist(mdir, 'dir')
  addpath(mdir);
end
quick = false;
figdir = '';
% the demo's workspace; else the base workspace: Octave's publish runs the
% script in a workspace of its own, so that "GDF_QUICK = true;
% publish('demo_zigzag.m')" reads it there, as MATLAB's publish (which
% runs the script in the base workspace) does
for ws = {'caller', 'base'}
  if evalin(ws{1}, 'exist(''GDF_QUICK'', ''var'')')
    quick = evalin(ws{1}, 'GDF_QUICK');
    break;
  end
end
for ws = {'caller', 'base'}
  if evalin(ws{1}, 'exist(''GDF_FIGDIR'', ''var'')')
    figdir = evalin(ws{1}, 'GDF_FIGDIR');
    break;
  end
end
outdir = gdf_demo_outdir(here, figdir);
end
