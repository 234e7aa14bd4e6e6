function opt = gdf_animate_check(opt)
%GDF_ANIMATE_CHECK  Check gd_plot's options Animate, Frames, Delay, Size and Trail.
%   Animate: '' (no animation) or the name of a .gif file to write;
%   Frames: [] (default: one per iterate, at most 60) or an integer 1..10000;
%   Delay: seconds per frame, 0.01..655 (the GIF keeps hundredths);
%   Size: [] (640-by-480, 1000-by-450 for 'both') or [width height] in
%   pixels, 64..4000; Trail: 'line' or 'dots'.  Errors gdflow:gd_plot:badOption.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
v = opt.Animate;
if ~(ischar(v) && size(v, 1) <= 1)
  error('gdflow:gd_plot:badOption', 'gd_plot: Animate must be the name of a .gif file (or '''' for none).');
end
if ~isempty(v)
  [~, ~, ext] = fileparts(v);
  if ~strcmpi(ext, '.gif')
    error('gdflow:gd_plot:badOption', 'gd_plot: Animate must name a .gif file (got ''%s'').', v);
  end
  folder = fileparts(v);
  if ~isempty(folder) && ~exist(folder, 'dir')
    error('gdflow:gd_plot:badOption', 'gd_plot: the folder of Animate, ''%s'', does not exist.', folder);
  end
  % writable?  (a folder that exists but refuses the file, e.g. /proc, ended
  % after every frame was drawn in an image-library error without an
  % identifier); the probe file is removed unless it was there before
  existed = exist(v, 'file') == 2;
  fid = fopen(v, 'a');
  if fid < 0
    error('gdflow:gd_plot:cannotWrite', 'gd_plot: cannot write the Animate file ''%s'' (no permission?).', v);
  end
  fclose(fid);
  if ~existed
    delete(v);
  end
end
v = opt.Frames;
if ~(isnumeric(v) && (isempty(v) || (isreal(v) && isscalar(v) && v >= 1 && v <= 10000 && v == round(v))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Frames must be a whole number of frames, 1 to 10000.');
end
opt.Frames = double(v);
v = opt.Delay;
if ~(isnumeric(v) && isreal(v) && isscalar(v) && v >= 0.01 && v <= 655)
  error('gdflow:gd_plot:badOption', 'gd_plot: Delay must be the seconds per frame, 0.01 to 655.');
end
opt.Delay = round(double(v) * 100) / 100;
v = opt.Size;
if ~(isnumeric(v) && (isempty(v) || (isreal(v) && numel(v) == 2 && all(v >= 64 & v <= 4000) && all(v == round(v)))))
  error('gdflow:gd_plot:badOption', 'gd_plot: Size must be [width height] in pixels, 64 to 4000 each.');
end
opt.Size = double(v(:)');
v = opt.Trail;
if ~(ischar(v) && any(strcmpi(v, {'line', 'dots'})))
  error('gdflow:gd_plot:badOption', 'gd_plot: Trail must be ''line'' or ''dots''.');
end
opt.Trail = lower(v);
end
