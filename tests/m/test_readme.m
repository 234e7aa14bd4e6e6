% Every example in README.md runs as printed (the doctest of the README).
% Source tree only (the examples run from its top folder).

%!testif ; exist(fullfile(gdf_test_root(), 'README.md'), 'file') == 2
%! root = fullfile(fileparts(which('gdf_doc_examples')), '..', '..');
%! gdf_doc_run('__reset__');
%! failures = gdf_doc_examples(fullfile(root, 'README.md'), root);
%! gdf_doc_run('__reset__');
%! if ~isempty(failures)
%!   error('%s\n', failures{:});
%! end
