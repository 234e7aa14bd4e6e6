function gdf_sweep_raise(out)
%GDF_SWEEP_RAISE  Raise the error a chunk returned (GDF_SWEEP_CHUNK), with its identifier.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if isstruct(out)
  id = out.identifier;
  if isempty(id)
    id = 'gdflow:gd_sweep:runFailed';
  end
  error(struct('identifier', id, 'message', out.message));
end
end
