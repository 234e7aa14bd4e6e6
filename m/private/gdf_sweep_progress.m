function last = gdf_sweep_progress(opt, done, n, t0, last)
%GDF_SWEEP_PROGRESS  Print "done/total, elapsed, remaining" at most once a second (Display 'on').

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if ~strcmp(opt.display, 'on')
  return
end
el = toc(t0);
if el - last < 1 && done < n
  return
end
last = el;
left = NaN;
if done > 0
  left = el / done * (n - done);
end
fprintf('gd_sweep: %d/%d done, %.1f s elapsed, about %.1f s left\n', done, n, el, left);
end
