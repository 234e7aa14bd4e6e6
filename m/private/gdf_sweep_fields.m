function names = gdf_sweep_fields()
%GDF_SWEEP_FIELDS  The result fields of GD_SWEEP, in the column order of GDF_SWEEP_RUN's row.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = {'f', 'gap', 'iterations', 'exitflag', 'rate', 'theory', 'theory_stable', 'stable', ...
         'step', 'momentum', 'L', 'mu', 'time'};
end
