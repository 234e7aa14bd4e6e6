function failures = gdf_doc_examples(mdfile, root)
%GDF_DOC_EXAMPLES  Run the matlab code blocks of a Markdown file as printed.
%   FAILURES = GDF_DOC_EXAMPLES(MDFILE, ROOT) runs every fenced block marked
%   matlab, in order, in one workspace, from the folder ROOT.  When a
%   block is followed by a block marked text, the printed output must equal
%   it (blank lines and trailing blanks ignored).  FAILURES is a cell array
%   of messages, empty when every example runs as printed.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
txt = fileread(mdfile);
lines = regexp(txt, '\r?\n', 'split');
blocks = struct('kind', {}, 'body', {}, 'line', {});
i = 1;
while i <= numel(lines)
  tok = regexp(lines{i}, '^```(\w*)\s*$', 'tokens', 'once');
  if ~isempty(tok)
    kind = tok{1};
    j = i + 1;
    while j <= numel(lines) && isempty(regexp(lines{j}, '^```\s*$', 'once'))
      j = j + 1;
    end
    blocks(end + 1) = struct('kind', kind, 'body', {lines(i + 1:j - 1)}, 'line', i); %#ok<AGROW>
    i = j + 1;
  else
    i = i + 1;
  end
end
failures = {};
old = pwd();
cleanup = onCleanup(@() cd(old));
cd(root);
for b = 1:numel(blocks)
  if ~strcmp(blocks(b).kind, 'matlab')
    continue
  end
  code = strjoin(blocks(b).body, sprintf('\n'));
  try
    out = gdf_doc_run(code);
  catch err
    failures{end + 1} = sprintf('%s:%d: error: %s', mdfile, blocks(b).line, err.message); %#ok<AGROW>
    continue
  end
  if b < numel(blocks) && strcmp(blocks(b + 1).kind, 'text')
    want = normalize(blocks(b + 1).body);
    got = normalize(regexp(out, '\r?\n', 'split'));
    if ~isequal(want, got)
      failures{end + 1} = sprintf('%s:%d: printed\n%s\nbut the README shows\n%s', mdfile, ...
                                  blocks(b).line, strjoin(got, sprintf('\n')), strjoin(want, sprintf('\n'))); %#ok<AGROW>
    end
  end
end
end

function c = normalize(c)
c = regexprep(c, '\s+$', '');
c = c(~cellfun(@isempty, c));
end
