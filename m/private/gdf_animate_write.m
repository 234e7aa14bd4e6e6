function out = gdf_animate_write(fig, file, nframes, delay, draw)
%GDF_ANIMATE_WRITE  Write NFRAMES frames of figure FIG into the GIF FILE.
%   OUT = GDF_ANIMATE_WRITE(FIG, FILE, NFRAMES, DELAY, DRAW) calls DRAW(J)
%   for J = 1..NFRAMES (it updates the figure for frame J), renders the
%   figure to a PNG with PRINT (headless: works with gnuplot, where getframe
%   does not), maps its colours onto a fixed 256-colour palette
%   (gdf_animate_palette: the Okabe-Ito colours exactly, greys and a colour
%   cube) and appends it to FILE with IMWRITE (GIF, DELAY seconds per
%   frame, looping forever).  OUT: file, frames, delay, size ([width
%   height] of a frame in pixels), map (the palette) and bytes.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
map = gdf_animate_palette();
tmp = [tempname() '.png'];
c = onCleanup(@() delete_if(tmp));
set(fig, 'paperpositionmode', 'auto');
opts = {'DelayTime', delay};
if exist('OCTAVE_VERSION', 'builtin')
  % Octave's imwrite writes GIF uncompressed unless told (5-10x larger)
  opts = [opts, {'Compression', 'lzw'}];
end
sz = [];
for j = 1:nframes
  draw(j);
  drawnow();
  print(fig, tmp, '-dpng', '-r0');
  img = imread(tmp);
  if size(img, 3) == 1
    img = repmat(img, [1 1 3]);
  end
  if isempty(sz)
    sz = [size(img, 1), size(img, 2)];
  elseif ~isequal([size(img, 1), size(img, 2)], sz)
    img = fit_size(img, sz);                  % every frame the size of the first
  end
  X = quantize(img, map);
  try
    if j == 1
      imwrite(X, map, file, 'gif', 'LoopCount', Inf, opts{:});
    else
      imwrite(X, map, file, 'gif', 'WriteMode', 'append', opts{:});
    end
  catch err
    % the image library's own error (disk full, permissions changed) has
    % no identifier
    error('gdflow:gd_plot:cannotWrite', 'gd_plot: writing frame %d of the Animate file ''%s'' failed: %s', ...
          j, file, err.message);
  end
end
d = dir(file);
out = struct('file', file, 'frames', nframes, 'delay', delay, 'size', [sz(2), sz(1)], 'map', map, ...
             'bytes', d.bytes);
end

function X = quantize(img, map)
% nearest palette colour of each distinct colour of the frame (few: the
% renderer draws few colours), then the index image (0-based, uint8)
if ~isa(img, 'uint8')
  img = uint8(double(img) / double(intmax(class(img))) * 255);
end
rgb = double(reshape(img, [], 3)) / 255;
[u, ~, j] = unique(rgb, 'rows');
D = zeros(size(u, 1), size(map, 1));
for c = 1:3
  D = D + bsxfun(@minus, u(:, c), map(:, c)') .^ 2;
end
[~, idx] = min(D, [], 2);
X = reshape(uint8(idx(j) - 1), size(img, 1), size(img, 2));
end

function img = fit_size(img, sz)
% crop or pad (white) to sz: a renderer that is off by a pixel on one frame
out = 255 * ones(sz(1), sz(2), 3, class(img));
r = min(sz(1), size(img, 1));
c = min(sz(2), size(img, 2));
out(1:r, 1:c, :) = img(1:r, 1:c, :);
img = out;
end

function delete_if(f)
if exist(f, 'file')
  delete(f);
end
end
