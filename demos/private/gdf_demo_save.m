function file = gdf_demo_save(fig, outdir, name)
%GDF_DEMO_SAVE  Print FIG as OUTDIR/NAME (a PNG), close it and return the path.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
file = fullfile(outdir, name);
print(fig, file, '-dpng', '-r100');
close(fig);
end
