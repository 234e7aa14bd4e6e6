function ok = gdf_sweep_haspar()
%GDF_SWEEP_HASPAR  True when Octave's parallel package (parcellfun) is installed; loads it.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent have
if isempty(have)
  have = false;
  if exist('OCTAVE_VERSION', 'builtin') ~= 0
    if exist('parcellfun', 'file') == 2
      have = true;
    else
      try
        list = pkg('list', 'parallel');
        if ~isempty(list)
          pkg('load', 'parallel');
          have = exist('parcellfun', 'file') == 2;
        end
      catch
        have = false;
      end
    end
  end
end
ok = have;
end
