function ok = gdf_dist_check(tarball, tmp)
%GDF_DIST_CHECK  Install the package tarball in a temporary prefix and test the installed copy.
%   OK = GDF_DIST_CHECK(TARBALL, TMP) runs pkg install -local TARBALL with
%   the package prefix and the local package list inside the folder TMP
%   (the caller also points HOME there, so the user's packages are not
%   touched), loads the package and checks that every public function,
%   demo and MEX gateway of the installed copy is usable, runs the
%   package's test blocks (pkg test gdflow) and uninstalls it.  Prints one
%   line per check and ends with "test-dist: N passed, N failed" (the
%   test blocks of pkg test count one each).  Octave only.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
npass = 0;
nfail = 0;
[~, base] = fileparts(tarball);
version = regexprep(base, '^gdflow-|\.tar$', '');
prefix = fullfile(tmp, 'prefix');
pkg('prefix', prefix, prefix);
pkg('local_list', fullfile(tmp, 'octave_packages'));
warning('off', 'Octave:language-extension');

% ---- install: pkg runs src/Makefile, which writes the gateways to inst/private
t0 = tic;
[out, ok] = capture(@() pkg('install', '-local', tarball));
check(ok, sprintf('pkg install -local %s (%.1f s)', [base '.gz'], toc(t0)), out);
list = pkg('list');
names = cellfun(@(p) p.name, list, 'UniformOutput', false);
k = find(strcmp(names, 'gdflow'));
check(numel(k) == 1 && strcmp(list{k}.version, version), ...
      sprintf('pkg list: gdflow %s', version), '');
if isempty(k)
  finish(npass, nfail);
  ok = false;
  return
end
pdir = list{k}.dir;
check(strncmp(pdir, prefix, numel(prefix)), 'installed under the temporary prefix', pdir);

% ---- load: functions, gateways, demos on the path
pkg('load', 'gdflow');
check(strcmp(which('gd_run'), fullfile(pdir, 'gd_run.m')), 'pkg load gdflow: gd_run is the installed one', which('gd_run'));
[~, files] = system(sprintf('tar tzf "%s"', tarball));
gw = regexp(files, '[^/\n]+/src/(\w+_mex)\.c', 'tokens');
gw = sort(cellfun(@(c) c{1}, gw, 'UniformOutput', false));
mexfiles = dir(fullfile(pdir, 'private', '*.mex'));
check(~isempty(gw) && isequal(sort(strrep({mexfiles.name}, '.mex', '')), gw), ...
      sprintf('%d MEX gateways in private/, one per src/*_mex.c', numel(gw)), strjoin({mexfiles.name}, ' '));
[v, info] = gdflow_version();
check(strcmp(v, version) && isequal(info.gateways, gw) && strcmp(info.folder, pdir), ...
      sprintf('gdflow_version() = ''%s'', gateways found', version), v);
fns = regexp(files, '[^/\n]+/inst/(\w+)\.m', 'tokens');
fns = cellfun(@(c) c{1}, fns, 'UniformOutput', false);
fns = fns(~strcmp(fns, 'Contents'));
found = cellfun(@(f) strcmp(which(f), fullfile(pdir, [f '.m'])), fns);
check(all(found), sprintf('%d public functions on the path', numel(fns)), strjoin(fns(~found), ' '));
demos = regexp(files, '[^/\n]+/inst/demos/(\w+)\.m', 'tokens');
demos = cellfun(@(c) c{1}, demos, 'UniformOutput', false);
found = cellfun(@(f) strcmp(which(f), fullfile(pdir, 'demos', [f '.m'])), demos);
check(~isempty(demos) && all(found), sprintf('%d demos on the path (PKG_ADD)', numel(demos)), ...
      strjoin(demos(~found), ' '));

% ---- calls into every kind of gateway
try
  prob = gd_quadratic([3 1; 1 2], [1; 1]);
  [theta, r] = gd_run(prob, [2; 1], 'StepSize', 0.4);
  check(norm(theta - [0.2; 0.4]) < 1e-8 && r.iterations == 26, 'gd_run: theta = [0.2; 0.4] in 26 iterations', '');
  A = [3 1; 1 2]; b = [1; 1]; t = [0 0.5 2];
  T = gf_exact(A, b, [2; 1], t);
  ts = A \ b;
  E = zeros(3, 2);
  for i = 1:3
    E(i, :) = (ts + expm(-A * t(i)) * ([2; 1] - ts))';
  end
  check(max(abs(T(:) - E(:))) < 1e-13, 'gf_exact = theta* + expm(-A t)(theta0 - theta*)', '');
  [tt, Th] = gf_run(prob, [2; 1], [0 2], 'RelTol', 1e-10, 'AbsTol', 1e-12);
  check(norm(Th(end, :) - E(3, :)) < 1e-8 && tt(end) == 2, 'gf_run rk45 agrees with the closed form', '');
  [f, g] = gd_eval(gd_testfun('rosenbrock'), [1; 1]);
  check(f == 0 && isequal(g, [0; 0]), 'gd_eval: Rosenbrock minimum', '');
  th = gd_run(@(x) deal(0.5 * (x' * x), x), [1; -1], 'StepSize', 0.5, 'MaxIter', 100);
  check(norm(th) < 1e-8, 'gd_run with a function handle (callback)', '');
  o = gd_options('StepSize', 0.1);
  check(isstruct(o) && o.StepSize == 0.1, 'gd_options', '');
catch err
  check(false, 'calls into the gateways', err.message);
end

% ---- help from the installed copy
out = evalc('help gd_run');
check(~isempty(strfind(out, 'GD_RUN  Gradient descent')), 'help gd_run', '');
out = evalc('help gdflow');
check(~isempty(strfind(out, 'gf_exact')) && ~isempty(strfind(out, 'demo_overview')), 'help gdflow lists the functions', '');
out = evalc('news gdflow');
check(~isempty(strfind(out, ['## [' version ']'])), 'news gdflow shows CHANGELOG.md', '');
out = evalc('lookfor gradient');
check(~isempty(regexp(out, '(^|\n)gd_run\s', 'once')), 'lookfor gradient finds gd_run', '');

% ---- the package's test blocks, from the installed copy
here = pwd();
[out, ok] = capture(@() pkg('test', 'gdflow'));
cd(here);
summary = out(max([1, strfind(out, 'Summary:')]):end);
p = regexp(summary, 'PASS\s+(\d+)', 'tokens', 'once');
f = regexp(summary, 'FAIL\s+(\d+)', 'tokens', 'once');
s = regexp(summary, 'SKIP[^\n]*?(\d+)\s*\n', 'tokens');
if ~ok || isempty(p)
  check(false, 'pkg test gdflow', out);
else
  np = str2double(p{1});
  nf = 0;
  if ~isempty(f)
    nf = str2double(f{1});
  end
  ns = sum(cellfun(@(c) str2double(c{1}), s));
  fprintf('  %s pkg test gdflow: %d passed, %d failed, %d skipped (need the source tree)\n', ...
          ifelse_str(nf == 0, 'ok  ', 'FAIL'), np, nf, ns);
  if nf > 0
    fprintf('%s\n', out);
    print_failures(fullfile(here, 'fntests.log'));
  end
  npass = npass + np;
  nfail = nfail + nf;
end

% ---- unload and uninstall leave nothing behind
pkg('unload', 'gdflow');
check(isempty(which('gd_run')) && isempty(which('demo_overview')), 'pkg unload gdflow: off the path (demos too)', which('gd_run'));
[out, ok] = capture(@() pkg('uninstall', 'gdflow'));
check(ok && ~exist(pdir, 'dir'), 'pkg uninstall gdflow', out);

finish(npass, nfail);
ok = nfail == 0;

  function check(cond, what, detail)
    if cond
      npass = npass + 1;
      fprintf('  ok   %s\n', what);
    else
      nfail = nfail + 1;
      fprintf('  FAIL %s\n', what);
      if ~isempty(detail)
        fprintf('       %s\n', strrep(detail, sprintf('\n'), sprintf('\n       ')));
      end
    end
  end
end

function [out, ok] = capture(fn)
% Run fn(), returning what it printed and whether it ran without error.
ok = true;
try
  out = evalc('fn();');
catch err
  out = err.message;
  ok = false;
end
end

function s = ifelse_str(c, a, b)
if c
  s = a;
else
  s = b;
end
end

function finish(npass, nfail)
fprintf('test-dist: %d passed, %d failed\n', npass, nfail);
end

function print_failures(logfile)
% the failed blocks from pkg test's log (the temporary folder is gone afterwards)
if exist(logfile, 'file') ~= 2
  return
end
txt = fileread(logfile);
k = strfind(txt, '!!!!! test failed');
for i = 1:numel(k)
  a = max(1, k(i) - 1500);
  b = min(numel(txt), k(i) + 600);
  fprintf('---- from %s:\n%s\n', logfile, txt(a:b));
end
end
