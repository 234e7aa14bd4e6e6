function [index, saved] = make_handouts(outdir, quick, names, style)
%MAKE_HANDOUTS  Publish the lecture demos as HTML handouts, with an index page.
%   INDEX = MAKE_HANDOUTS() publishes every demos/demo_*.m (lecture order,
%   as run_all_demos) with PUBLISH into docs/handouts/: one page per demo,
%   <name>.html, with the prose of its %% sections, its code, the printed
%   tables and claims, and every figure it draws; and index.html linking
%   them (in an installed package: ./handouts).  INDEX is the path of index.html; SAVED{i} lists the figure files
%   the i-th demo saved itself (each must appear in its page).  This is what "make handouts"
%   runs; it is headless (invisible figures, printed by publish).
%   MAKE_HANDOUTS(OUTDIR, QUICK, NAMES, STYLE): output folder OUTDIR, QUICK
%   true for the demos' small sizes (default false), NAMES a cell array of
%   demo names (default: all), STYLE 'slides' (default) or 'paper' (the
%   demos' GDF_STYLE).  A demo whose claim fails stops the build (publish's
%   catchError is off).
%
%   The demos' helpers (gdf_demo_*.m, ...) sit beside them in demos/, not in
%   demos/private: a published script is evaluated inside publish (Octave)
%   or in the base workspace (MATLAB), where private functions of demos/
%   are not visible.  So publish('demo_zigzag.m') works by itself from the
%   demos folder; this function only puts demos/ and ../m on the path for
%   the build (and restores the path afterwards).
%
%   Run:  make handouts      or, in Octave/MATLAB:  cd demos; make_handouts

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
here = fileparts(mfilename('fullpath'));
if nargin < 1 || isempty(outdir)
  outdir = fullfile(here, '..', 'docs', 'handouts');
  if ~exist(fullfile(here, '..', 'docs'), 'dir')
    outdir = fullfile(pwd(), 'handouts');       % an installed package: here
  end
end
if nargin < 2 || isempty(quick)
  quick = false;
end
if nargin < 3 || isempty(names)
  names = gdf_demo_list(here);
end
if nargin < 4 || isempty(style)
  style = 'slides';
end
gdf_demo_style(style);                         % refuses an unknown style
if ~exist(outdir, 'dir')
  mkdir(outdir);
end
figdir = tempname();
mkdir(figdir);
old = path();
restore = onCleanup(@() cleanup(old, figdir));
addpath(here);
mdir = fullfile(here, '..', 'm');
if exist(mdir, 'dir')
  addpath(mdir);
end
warning('off', 'Octave:gnuplot-graphics');
pages = cell(size(names));
titles = cell(size(names));
nfig = zeros(size(names));
saved = cell(size(names));
for i = 1:numel(names)
  fdir = fullfile(figdir, names{i});
  mkdir(fdir);
  opts = struct('format', 'html', 'outputDir', outdir, 'catchError', false, 'useNewFigure', false, ...
                'codeToEvaluate', sprintf('GDF_QUICK = %d; GDF_FIGDIR = ''%s''; GDF_STYLE = ''%s'';', ...
                                          logical(quick), strrep(fdir, '''', ''''''), style));
  t0 = tic;
  pages{i} = publish(fullfile(here, [names{i} '.m']), opts);
  d = dir(fullfile(fdir, '*.png'));
  saved{i} = {d.name};
  widen(pages{i});
  titles{i} = demo_title(fullfile(here, [names{i} '.m']));
  nfig(i) = numel(regexp(fileread(pages{i}), '<img ', 'match'));
  fprintf('make_handouts: %-22s %2d figures  %6.1f s\n', names{i}, nfig(i), toc(t0));
end
index = fullfile(outdir, 'index.html');
write_index(index, names, titles, nfig, quick, style);
fprintf('make_handouts: %d handouts and %s\n', numel(names), index);
end

function t = demo_title(file)
% the title of the first %% section (the page's heading)
t = '';
lines = regexp(fileread(file), '\r?\n', 'split');
k = find(strncmp(lines, '%%', 2), 1);
if ~isempty(k)
  t = strtrim(lines{k}(3:end));
end
end

function write_index(file, names, titles, nfig, quick, style)
esc = @(s) strrep(strrep(strrep(s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;');
fid = fopen(file, 'w');
if fid < 0
  error('gdflow:make_handouts:cannotWrite', 'make_handouts: cannot write %s.', file);
end
c = onCleanup(@() fclose(fid));
fprintf(fid, '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n');
fprintf(fid, '<title>gdflow: lecture demos (handouts)</title>\n');
fprintf(fid, ['<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;font-size:18px;line-height:1.4}' ...
              'li{margin:0.4em 0}code{font-size:16px}</style>\n</head>\n<body>\n']);
fprintf(fid, '<h1>gdflow: the lecture demos</h1>\n');
fprintf(fid, ['<p>Each page states one claim of the lecture on gradient descent and gradient flow, its ' ...
              'hypotheses and what to look at, then runs the code that measures it: the tables, the ' ...
              'checked claims and the figures are the output of that run.</p>\n']);
mode = 'full sizes';
if quick
  mode = 'quick sizes';
end
fprintf(fid, '<p>Built by <code>make handouts</code> (%s, style %s, %s).</p>\n<ol>\n', mode, style, ...
        esc(datestr(now(), 'yyyy-mm-dd HH:MM')));
for i = 1:numel(names)
  plural = 's';
  if nfig(i) == 1
    plural = '';
  end
  fprintf(fid, '<li><a href="%s.html">%s</a> &mdash; %s (%d figure%s)</li>\n', names{i}, names{i}, ...
          esc(titles{i}), nfig(i), plural);
end
fprintf(fid, '</ol>\n</body>\n</html>\n');
end

function widen(file)
% Octave's page keeps everything within 42em: let the figures (wide
% two- and three-panel PNGs) use the browser's width, and read larger
s = fileread(file);
css = ['<style>body > * {max-width: 72em;} body {font-size: 18px; padding-left: 3em; ' ...
       'padding-right: 3em;} img {max-width: 100%; height: auto;} pre {font-size: 15px;}</style>'];
s = strrep(s, '</head>', [css, sprintf('\n'), '</head>']);
fid = fopen(file, 'w');
fwrite(fid, s);
fclose(fid);
end

function cleanup(old, figdir)
path(old);
if exist('OCTAVE_VERSION', 'builtin')
  confirm_recursive_rmdir(false, 'local');
end
rmdir(figdir, 's');
end
