function [failures, ran] = gdf_help_examples(files)
%GDF_HELP_EXAMPLES  Run the Example: blocks of help texts, headless (a doctest).
%   [FAILURES, RAN] = GDF_HELP_EXAMPLES(FILES) reads the help text (the
%   first block of comment lines) of every .m file in the cell array FILES.
%   The lines after a line 'Example:' (or 'Examples:'), up to the next blank
%   comment line or 'See also', are one example: their common indentation is
%   removed and they run in a fresh workspace, from a temporary folder,
%   with new figures invisible and closed afterwards; the path, the folder
%   and the warning state are restored after each.  FAILURES is a cell array
%   of messages (empty when every example ran without error); RAN lists
%   'file: n lines' for each example run.  Files without an example are
%   left out (the help checks in test_help.m require one).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
failures = {};
ran = {};
for i = 1:numel(files)
  [~, name] = fileparts(files{i});
  examples = example_blocks(gdf_help_text(files{i}));
  for j = 1:numel(examples)
    code = strjoin(examples{j}, sprintf('\n'));
    msg = run_isolated(code);
    if isempty(msg)
      ran{end + 1} = sprintf('%s: %d lines', name, numel(examples{j})); %#ok<AGROW>
    else
      failures{end + 1} = sprintf('%s: the help example\n%s\nfailed: %s', files{i}, ...
                                  indent(code), msg); %#ok<AGROW>
    end
  end
end
end

function msg = run_isolated(code)
% Run the code in a workspace of its own; restore the state afterwards.
msg = '';
old_path = path();
old_dir = pwd();
old_warn = warning();
old_vis = get(0, 'DefaultFigureVisible');
old_figs = get(0, 'Children');
tmp = tempname();
mkdir(tmp);
set(0, 'DefaultFigureVisible', 'off');
cd(tmp);
try
  eval_example(code);
catch err
  msg = err.message;
end
cd(old_dir);
path(old_path);
warning(old_warn);
set(0, 'DefaultFigureVisible', old_vis);
figs = get(0, 'Children');
close(figs(~ismember(figs, old_figs)));
remove_dir(tmp);
end

function eval_example(gdf_code__)
% The example's variables live and die here.
evalc(gdf_code__);
end

function blocks = example_blocks(help)
% The indented lines after 'Example:' up to a blank line or 'See also'.
blocks = {};
i = 1;
while i <= numel(help)
  if isempty(regexp(help{i}, '^\s*Examples?:\s*$', 'once'))
    i = i + 1;
    continue
  end
  j = i + 1;
  while j <= numel(help) && ~isempty(strtrim(help{j})) && ...
        isempty(regexp(help{j}, '^\s*See also', 'once'))
    j = j + 1;
  end
  lines = help(i + 1:j - 1);
  if ~isempty(lines)
    lead = cellfun(@(s) numel(s) - numel(regexprep(s, '^\s+', '')), lines);
    lines = cellfun(@(s) s(min(lead) + 1:end), lines, 'UniformOutput', false);
    blocks{end + 1} = lines; %#ok<AGROW>
  end
  i = j;
end
end

function remove_dir(d)
if exist('OCTAVE_VERSION', 'builtin')
  old = confirm_recursive_rmdir(false);
  rmdir(d, 's');
  confirm_recursive_rmdir(old);
else
  rmdir(d, 's');
end
end

function s = indent(code)
s = ['    ', strrep(code, sprintf('\n'), sprintf('\n    '))];
end
