function files = gdflow_build(varargin)
%GDFLOW_BUILD  Compile the gdflow MEX gateways with this host's own mex command.
%   GDFLOW_BUILD compiles the C library (mex/gdf_*.c) once and links it
%   into every gateway mex/*_mex.c, writing the MEX files to m/private,
%   where the public functions in m/ find them.  It uses the mex command of
%   the host it runs in:
%     Octave  mex (that is, mkoctfile --mex), linked with the BLAS and LAPACK
%             that Octave itself uses (mkoctfile -p LAPACK_LIBS BLAS_LIBS);
%             the files are NAME.mex.
%     MATLAB  mex -R2017b (the separate-complex API that the gateways are
%             written for, with 64-bit sizes; -largeArrayDims before R2018a)
%             and -DGDF_BLAS_INT64, linked with -lmwlapack -lmwblas (MATLAB's
%             BLAS and LAPACK take 64-bit integers); on Windows also
%             -DGDF_BLAS_NO_UNDERSCORE.  The files are NAME.(mexext).
%   FILES = GDFLOW_BUILD(...) returns the paths of the MEX files (a cell row).
%   GDFLOW_BUILD(Name, Value, ...) sets options:
%     OutDir   the folder for the MEX files (default m/private)
%     Verbose  true to print every mex command and the compiler output
%              (default false: output is shown only when a step fails)
%     DryRun   true to print the mex commands without running them
%     Flags    a cell array of extra mex arguments for every step, e.g.
%              {'-g'} or {'-DNDEBUG'}
%     OpenMP   true to compile and link with -fopenmp (gcc), which shares the
%              least-squares / logistic pass over X among threads (the
%              numbers are the same with and without).  Default: true in
%              Octave on Linux, false elsewhere (MATLAB ships its own OpenMP
%              runtime; Apple's clang has none).
%   An error (gdflow:gdflow_build:compileFailed) names the step that failed
%   and shows the compiler's output.  The Makefile (make build) does the
%   same job from a shell, with the flags of the tests.
%
%   Example:
%     files = gdflow_build('DryRun', true);   % prints the mex commands only
%     fprintf('%d gateways\n', numel(files));
%
%   See also GDFLOW_SETUP, GDFLOW_VERSION, MEX.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
root = fileparts(mfilename('fullpath'));
srcdir = fullfile(root, 'mex');
opts = struct('outdir', fullfile(root, 'm', 'private'), 'verbose', false, 'dryrun', false, ...
              'flags', {{}}, 'openmp', exist('OCTAVE_VERSION', 'builtin') ~= 0 && isunix() && ~ismac());
if mod(numel(varargin), 2) ~= 0
  error('gdflow:gdflow_build:badOption', 'gdflow_build: options come in name-value pairs.');
end
for i = 1:2:numel(varargin)
  name = varargin{i};
  if ~ischar(name) || ~isfield(opts, lower(name))
    error('gdflow:gdflow_build:badOption', ...
          'gdflow_build: unknown option; valid options: OutDir, Verbose, DryRun, Flags, OpenMP.');
  end
  opts.(lower(name)) = varargin{i + 1};
end
if ischar(opts.flags)
  opts.flags = {opts.flags};
end

all_c = dir(fullfile(srcdir, '*.c'));
all_c = sort({all_c.name});
is_gw = ~cellfun(@isempty, regexp(all_c, '_mex\.c$', 'once'));
gateways = all_c(is_gw);
libsrc = all_c(~is_gw);
if isempty(gateways)
  error('gdflow:gdflow_build:noSources', 'gdflow_build: no gateways mex/*_mex.c in %s.', srcdir);
end

% ---- the host's flags ------------------------------------------------
octave = exist('OCTAVE_VERSION', 'builtin') ~= 0;
if octave
  api = {};
  libs = [strsplit(strtrim(mkoctfile('-p', 'LAPACK_LIBS'))), ...
          strsplit(strtrim(mkoctfile('-p', 'BLAS_LIBS')))];
  libs = libs(~cellfun(@isempty, libs));
  ext = 'mex';
  objext = '.o';
  % ISO C99, as the Makefile builds it; errors raised in a callback unwind
  % through the C library as C++ exceptions in Octave: -fexceptions
  oldcflags = getenv('CFLAGS');
  omp = '';
  if opts.openmp
    omp = ' -fopenmp';
    libs{end + 1} = '-fopenmp';
  end
  setenv('CFLAGS', [strtrim(mkoctfile('-p', 'CFLAGS')) ' -std=c99 -fexceptions' omp]);
  restore = onCleanup(@() setenv('CFLAGS', oldcflags));
else
  v = sscanf(version(), '%d.%d');
  if v(1) > 9 || (v(1) == 9 && v(2) >= 4)
    api = {'-R2017b'};
  else
    api = {'-largeArrayDims'};
  end
  api{end + 1} = '-DGDF_BLAS_INT64';
  if ispc()
    api{end + 1} = '-DGDF_BLAS_NO_UNDERSCORE';
    objext = '.obj';
  else
    if opts.openmp
      api{end + 1} = 'CFLAGS=$CFLAGS -std=c99 -fopenmp';
      api{end + 1} = 'LDFLAGS=$LDFLAGS -fopenmp';
    else
      api{end + 1} = 'CFLAGS=$CFLAGS -std=c99';   % ISO C99, as the Makefile builds it
    end
    objext = '.o';
  end
  libs = {'-lmwlapack', '-lmwblas'};
  ext = mexext();
end
api = [api, opts.flags(:)'];

% ---- compile the library once, link it into every gateway ----------
objdir = tempname();
files = cell(1, numel(gateways));
if ~opts.dryrun
  mkdir(objdir);
  cleanobj = onCleanup(@() remove_dir(objdir, octave));
  if ~exist(opts.outdir, 'dir')
    mkdir(opts.outdir);
  end
end
objs = cell(1, numel(libsrc));
for i = 1:numel(libsrc)
  src = fullfile(srcdir, libsrc{i});
  [~, base] = fileparts(libsrc{i});
  objs{i} = fullfile(objdir, [base objext]);
  if octave
    args = [api, {'-c', src, '-o', objs{i}}];
  else
    args = [api, {'-c', src, '-outdir', objdir}];
  end
  run_mex(args, libsrc{i}, opts);
end
for i = 1:numel(gateways)
  [~, base] = fileparts(gateways{i});
  files{i} = fullfile(opts.outdir, [base '.' ext]);
  if octave
    args = [api, {fullfile(srcdir, gateways{i})}, objs, {'-o', files{i}}, libs];
  else
    args = [api, {fullfile(srcdir, gateways{i})}, objs, libs, {'-outdir', opts.outdir}];
  end
  run_mex(args, gateways{i}, opts);
end
if ~opts.dryrun && (opts.verbose || nargout == 0)
  fprintf('gdflow_build: %d MEX files in %s\n', numel(files), opts.outdir);
end
if nargout == 0
  clear files
end
end

function run_mex(args, what, opts)
% Run mex(args{:}) quietly; show the command and the output when asked or on failure.
cmd = sprintf(' %s', args{:});
if opts.dryrun || opts.verbose
  fprintf('mex%s\n', cmd);
end
if opts.dryrun
  return
end
status = 1;
out = '';
try
  out = evalc('status = mex(args{:});');
catch err
  out = [out, err.message];
end
if opts.verbose
  fprintf('%s', out);
end
if status ~= 0
  error('gdflow:gdflow_build:compileFailed', ...
        ['gdflow_build: compiling %s failed.\n  mex%s\n%s\n' ...
         'A C compiler must be set up for mex (MATLAB: mex -setup C; Debian Octave: ' ...
         'apt-get install liboctave-dev).'], what, cmd, out);
end
end

function remove_dir(d, octave)
% rmdir(d, 's') without Octave's confirmation prompt.
if octave
  old = confirm_recursive_rmdir(false);
  rmdir(d, 's');
  confirm_recursive_rmdir(old);
else
  rmdir(d, 's');
end
end
