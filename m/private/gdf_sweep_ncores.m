function n = gdf_sweep_ncores()
%GDF_SWEEP_NCORES  The number of cores (Octave's nproc, MATLAB's feature('numcores')).

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if exist('OCTAVE_VERSION', 'builtin') ~= 0
  n = nproc();
else
  n = feature('numcores');
end
n = max(1, double(n));
end
