function names = gdf_demo_list(folder)
%GDF_DEMO_LIST  The demo scripts of FOLDER (demo_*.m), in lecture order.
%   NAMES = GDF_DEMO_LIST(FOLDER) lists every demo_*.m of FOLDER without its
%   extension: demo_overview first, then the demos of the lecture's claims in
%   the order of the text, then any other demo in alphabetical order.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
order = {'demo_overview', 'demo_stability', 'demo_convex_rate', 'demo_linear_rate', 'demo_gf_energy', ...
         'demo_euler_error', 'demo_backward_euler', 'demo_zigzag', 'demo_cheatsheet', ...
         'demo_sweep_stability'};
d = dir(fullfile(folder, 'demo_*.m'));
found = sort(regexprep({d.name}, '\.m$', ''));
names = [order(ismember(order, found)), found(~ismember(found, order))];
end
