function file = gdf_demo_save(fig, outdir, name)
%GDF_DEMO_SAVE  Print FIG as OUTDIR/NAME (a PNG), close it and return the path.
%   Before printing, every legend and every axes of FIG gets the style's
%   font size (gdf_demo_figure) as a floor, so no text is below 14 pt.
%   Under publish (Octave's or MATLAB's; make handouts) the figure is left
%   open instead of closed: publish embeds it in the handout after the
%   section that drew it, and closes it.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
s = getappdata(fig, 'gdf_style');
if isempty(s)
  s = gdf_demo_style('slides');
end
obj = [findall(fig, 'type', 'axes'); findall(fig, 'type', 'legend')];
for i = 1:numel(obj)
  if get(obj(i), 'fontsize') < s.font
    set(obj(i), 'fontsize', s.font);
  end
end
file = fullfile(outdir, name);
print(fig, file, '-dpng', '-r100');
st = dbstack();
if any(~cellfun(@isempty, regexp({st.name}, '(^|>)(publish|evalmxdom|eval_code_helper)$', 'once')))
  return
end
close(fig);
end
