function out = gdf_sweep_store(action, varargin)
%GDF_SWEEP_STORE  The running sweep's results, kept where Ctrl-C cannot take them.
%   GDF_SWEEP_STORE('set', S) starts (S a fresh result, or [] to clear);
%   GDF_SWEEP_STORE('put', IDX, ROWS) records finished configurations (in
%   place in a persistent matrix: O(numel(IDX)), not a copy of the results);
%   S = GDF_SWEEP_STORE('take') returns the results and clears the store
%   (the normal end); S = GDF_SWEEP_STORE('get') returns what an
%   interrupted sweep left (GD_SWEEP('last')), with complete = false.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent S R done elapsed
out = [];
switch action
  case 'set'
    S = varargin{1};
    R = [];
    done = [];
    elapsed = NaN;
    if ~isempty(S)
      R = NaN(S.n, numel(gdf_sweep_fields()));
      done = false(S.n, 1);
    end
  case 'put'
    R(varargin{1}, :) = varargin{2};
    done(varargin{1}) = true;
  case 'stamp'
    elapsed = varargin{1};
  case {'take', 'get'}
    if isempty(S)
      return
    end
    out = S;
    ran = find(done);
    out = gdf_sweep_put(out, ran, R(ran, :));
    out.elapsed = elapsed;
    out.complete = all(out.done(:));
    if strcmp(action, 'take')
      S = [];
      R = [];
      done = [];
    end
end
end
