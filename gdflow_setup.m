function gdflow_setup(varargin)
%GDFLOW_SETUP  Put gdflow on the path; build the MEX gateways if missing.
%   GDFLOW_SETUP adds the folders m (the functions) and demos of this
%   source tree to the path of the running MATLAB or Octave, and compiles
%   the MEX gateways with GDFLOW_BUILD when one is missing from m/private
%   for this host (NAME.mex in Octave, NAME.mexa64 etc. in MATLAB) or is
%   older than the C sources in mex/.  Run it once per session from any
%   folder: run('/path/to/gdflow/gdflow_setup.m'), or cd there first.
%   GDFLOW_SETUP('rebuild') compiles the gateways whether or not they are
%   up to date.  GDFLOW_SETUP('nobuild') only sets the path.
%   GDFLOW_SETUP(..., 'savepath') also saves the path for later sessions
%   (SAVEPATH; it may need write access to pathdef.m).
%
%   In Octave, the package (pkg install gdflow-X.Y.Z.tar.gz; pkg load
%   gdflow) is the alternative that needs no source tree.
%
%   Example:
%     gdflow_setup
%     [v, info] = gdflow_version();
%     fprintf('gdflow %s: %d gateways\n', v, numel(info.gateways));
%
%   See also GDFLOW_BUILD, GDFLOW_VERSION, ADDPATH, SAVEPATH.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
root = fileparts(mfilename('fullpath'));
build = 'auto';
save_it = false;
for i = 1:numel(varargin)
  switch lower(varargin{i})
    case {'rebuild', 'nobuild'}
      build = lower(varargin{i});
    case 'savepath'
      save_it = true;
    otherwise
      error('gdflow:gdflow_setup:badOption', ...
            'gdflow_setup: unknown option ''%s''; valid: ''rebuild'', ''nobuild'', ''savepath''.', ...
            varargin{i});
  end
end

addpath(fullfile(root, 'm'));
if exist(fullfile(root, 'demos'), 'dir')
  addpath(fullfile(root, 'demos'));
end

if strcmp(build, 'auto')
  [stale, why] = needs_build(root);
  if stale
    fprintf('gdflow_setup: %s: building the MEX gateways with gdflow_build ...\n', why);
    build = 'rebuild';
  end
end
if strcmp(build, 'rebuild')
  gdflow_build();
  if ~exist('OCTAVE_VERSION', 'builtin')
    clear('mex');   % MATLAB keeps loaded MEX files; Octave reloads changed files itself
  end
end
if save_it
  savepath();
end
end

function [stale, why] = needs_build(root)
% A gateway is missing for this host, or older than a C source or header.
stale = false;
why = '';
src = [dir(fullfile(root, 'mex', '*.c')); dir(fullfile(root, 'mex', '*.h'))];
if isempty(src)
  return
end
newest = max([src.datenum]);
gw = dir(fullfile(root, 'mex', '*_mex.c'));
for i = 1:numel(gw)
  [~, base] = fileparts(gw(i).name);
  f = dir(fullfile(root, 'm', 'private', [base '.' mexext()]));
  if isempty(f)
    stale = true;
    why = sprintf('%s.%s is missing', base, mexext());
    return
  end
  if f.datenum < newest
    stale = true;
    why = sprintf('%s.%s is older than the C sources', base, mexext());
    return
  end
end
end
