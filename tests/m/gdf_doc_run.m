function out = gdf_doc_run(gdf_doc_code__)
%GDF_DOC_RUN  Evaluate documentation code in a workspace kept across calls.
%   The variables a block leaves behind are saved and restored for the next
%   block, as if the blocks were typed one after another at the prompt.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
persistent gdf_doc_ws__
if isempty(gdf_doc_ws__)
  gdf_doc_ws__ = struct();
end
if isequal(gdf_doc_code__, '__reset__')
  gdf_doc_ws__ = struct();
  out = '';
  return
end
gdf_doc_names__ = fieldnames(gdf_doc_ws__);
for gdf_doc_i__ = 1:numel(gdf_doc_names__)
  eval(sprintf('%s = gdf_doc_ws__.(gdf_doc_names__{gdf_doc_i__});', gdf_doc_names__{gdf_doc_i__}));
end
out = evalc(gdf_doc_code__);
gdf_doc_vars__ = who();
for gdf_doc_i__ = 1:numel(gdf_doc_vars__)
  gdf_doc_v__ = gdf_doc_vars__{gdf_doc_i__};
  if isempty(regexp(gdf_doc_v__, '^gdf_doc_\w+__$', 'once')) && ~strcmp(gdf_doc_v__, 'out')
    gdf_doc_ws__.(gdf_doc_v__) = eval(gdf_doc_v__);
  end
end
end
