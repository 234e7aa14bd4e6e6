% Every example in README.md runs as printed (the doctest of the README).

%!test
%! root = fullfile(fileparts(which('gdf_doc_examples')), '..', '..');
%! gdf_doc_run('__reset__');
%! failures = gdf_doc_examples(fullfile(root, 'README.md'), root);
%! gdf_doc_run('__reset__');
%! if ~isempty(failures)
%!   error('%s\n', failures{:});
%! end
