% The main demo writes its figures; the benchmark scripts run (quick mode).

%!test
%! root = fullfile(fileparts(which('gdf_doc_examples')), '..', '..');
%! figdir = fullfile(root, 'demos', 'figures');
%! files = {'overview_landscape.png', 'overview_convergence.png'};
%! for i = 1:numel(files)
%!   if exist(fullfile(figdir, files{i}), 'file')
%!     delete(fullfile(figdir, files{i}));
%!   end
%! end
%! old = pwd(); c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'demos'));
%! out = evalc('demo_overview');
%! for i = 1:numel(files)
%!   d = dir(fullfile(figdir, files{i}));
%!   assert (numel(d), 1);
%!   assert (d.bytes > 10000);
%! end
%! % the table reports the optimal step's measured rate equal to ((kappa-1)/(kappa+1))^2
%! assert (~isempty(strfind(out, '0.818594       0.818594')));
%! assert (~isempty(strfind(out, 'NO')));

%!testif ; exist(fullfile(gdf_test_root(), 'bench'), 'dir') == 7
%! root = fullfile(fileparts(which('gdf_doc_examples')), '..', '..');
%! old = pwd(); c = onCleanup(@() cd(old));
%! cd(fullfile(root, 'bench'));
%! out = evalc('r = bench_all(''quick'');');
%! assert (numel(r) >= 2);
%! assert (all([r.ratio] > 0));
%! assert (~isempty(strfind(out, 'Summary')));
