function [v, info] = gdflow_version()
%GDFLOW_VERSION  Version of the gdflow toolbox (and of the host it runs on).
%   V = GDFLOW_VERSION() is the version of gdflow, a character vector such
%   as '0.1.0' (major.minor.patch, the Version of the Octave package).
%   [V, INFO] = GDFLOW_VERSION() also returns a struct with the fields
%     name         'gdflow'
%     version      V
%     date         the release date, 'yyyy-mm-dd'
%     license      'GPL-3.0-or-later'
%     host         'Octave' or 'MATLAB'
%     hostversion  the host's version, e.g. '7.3.0' or '9.14.0.2206163 (R2023a)'
%     folder       the folder of the gdflow functions in use
%     mexext       the extension of MEX files on this host ('mex' in Octave)
%     gateways     names of the compiled gateways found (a cell row), which
%                  GDFLOW_SETUP or GDFLOW_BUILD make when they are missing
%   GDFLOW_VERSION with no output arguments prints this in one line.
%
%   Example:
%     v = gdflow_version();
%     [v, info] = gdflow_version();
%     fprintf('gdflow %s (%s), %s\n', v, info.date, info.license);
%
%   See also GDFLOW, GDFLOW_SETUP, VER.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
version_ = '0.1.0';
date_ = '2026-11-25';
if nargout == 0 || nargout > 1
  info = struct('name', 'gdflow', 'version', version_, 'date', date_, ...
                'license', 'GPL-3.0-or-later', 'host', '', 'hostversion', version(), ...
                'folder', fileparts(mfilename('fullpath')), 'mexext', mexext(), ...
                'gateways', {{}});
  if exist('OCTAVE_VERSION', 'builtin')
    info.host = 'Octave';
  else
    info.host = 'MATLAB';
  end
  found = dir(fullfile(info.folder, 'private', ['*_mex.' info.mexext]));
  names = sort({found.name});
  for i = 1:numel(names)
    [~, names{i}] = fileparts(names{i});
  end
  info.gateways = names;
end
if nargout == 0
  fprintf('gdflow %s (%s), %s, on %s %s: %d compiled gateways in %s\n', version_, date_, ...
          info.license, info.host, info.hostversion, numel(info.gateways), ...
          fullfile(info.folder, 'private'));
else
  v = version_;
end
end

% Tests of gdflow_version (Octave: test gdflow_version; more in tests/m/test_version.m)
%!test
%! % major.minor.patch, and the info struct describes this host and its gateways
%! [v, info] = gdflow_version();
%! assert (~isempty(regexp(v, '^\d+\.\d+\.\d+$', 'once')));
%! assert (info.name, 'gdflow');
%! assert (info.version, v);
%! assert (~isempty(regexp(info.date, '^\d{4}-\d{2}-\d{2}$', 'once')));
%! assert (info.license, 'GPL-3.0-or-later');
%! assert (info.host, 'Octave');
%! assert (info.mexext, mexext());
%! assert (any(strcmp(info.gateways, 'gd_run_mex')));
%! assert (strcmp(info.folder, fileparts(which('gd_run'))));

%!test
%! % with no outputs it prints one line
%! out = evalc('gdflow_version()');
%! assert (~isempty(strfind(out, ['gdflow ' gdflow_version()])));
