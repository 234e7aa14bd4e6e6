function p = gdf_public_files(root)
%GDF_PUBLIC_FILES  The files whose help users read, in the source tree or a package.
%   P = GDF_PUBLIC_FILES(ROOT) has the fields
%     fndir      the folder of the public functions (ROOT/m, or ROOT itself
%                in an installed package)
%     functions  paths of the public functions (fndir/*.m but Contents.m)
%     tools      paths of the source tree's gdflow_setup.m, gdflow_build.m
%                (none in a package)
%     demos      paths of the demo scripts (ROOT/demos/*.m)
%     contents   path of Contents.m
%     source     true in the source tree

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if nargin < 1
  root = gdf_test_root();
end
p.source = exist(fullfile(root, 'm', 'gd_run.m'), 'file') == 2;
if p.source
  p.fndir = fullfile(root, 'm');
else
  p.fndir = root;
end
p.functions = list(p.fndir, '*.m');
p.functions = p.functions(cellfun(@isempty, regexp(p.functions, '[\\/]Contents\.m$', 'once')));
if p.source
  p.tools = list(root, 'gdflow_*.m');
else
  p.tools = {};
end
p.demos = list(fullfile(root, 'demos'), '*.m');
p.contents = fullfile(p.fndir, 'Contents.m');
end

function c = list(folder, pattern)
d = dir(fullfile(folder, pattern));
c = sort(cellfun(@(n) fullfile(folder, n), {d.name}, 'UniformOutput', false));
end
