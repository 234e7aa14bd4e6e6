function [help, h1] = gdf_help_text(file)
%GDF_HELP_TEXT  The help text of an .m file as MATLAB and Octave show it.
%   [HELP, H1] = GDF_HELP_TEXT(FILE) returns the first block of comment
%   lines of FILE (after the function line, or from the top of a script),
%   each without its leading '%', as a cell column, and the H1 line (the
%   first of them, trimmed).  Lines of test blocks ('%!') are not help.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
lines = regexp(fileread(file), '\r?\n', 'split');
i = 1;
while i <= numel(lines) && isempty(strtrim(lines{i}))
  i = i + 1;
end
if i <= numel(lines) && ~isempty(regexp(lines{i}, '^\s*function\s', 'once'))
  i = i + 1;
end
help = {};
while i <= numel(lines) && ~isempty(regexp(lines{i}, '^\s*%', 'once')) && ...
      isempty(regexp(lines{i}, '^\s*%!', 'once'))
  help{end + 1, 1} = regexprep(lines{i}, '^\s*%', ''); %#ok<AGROW>
  i = i + 1;
end
h1 = '';
if ~isempty(help)
  h1 = strtrim(help{1});
end
end
