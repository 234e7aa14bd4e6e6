function s = gdf_demo_yesno(tf)
%GDF_DEMO_YESNO  'yes' or 'NO'.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if tf
  s = 'yes';
else
  s = 'NO';
end
end
