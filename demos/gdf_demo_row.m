function s = gdf_demo_row(cells, widths)
%GDF_DEMO_ROW  One line of a text table: each cell left-aligned in its width.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
parts = cell(1, numel(cells));
for i = 1:numel(cells)
  parts{i} = sprintf('%-*s', widths(i), cells{i});
end
s = strjoin(parts, '  ');
end
