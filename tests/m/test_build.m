% The in-interpreter build: gdflow_setup in a fresh copy of the source tree
% (no compiled gateways) builds them with Octave's own mex command through
% gdflow_build, puts the copy on the path, and the results are those of
% the Makefile's build.  Source tree only.

%!function gdf_restore__(p, d, tmp)
%!  cd(d);
%!  path(p);
%!  confirm_recursive_rmdir(false, 'local');
%!  rmdir(tmp, 's');
%!endfunction

%!testif ; exist(fullfile(gdf_test_root(), 'gdflow_build.m'), 'file') == 2
%! root = gdf_test_root();
%! % reference results from the Makefile's build (m/private)
%! prob = gd_quadratic([3 1; 1 2], [1; 1]);
%! [th_ref, info_ref] = gd_run(prob, [2; 1], 'StepSize', 0.4);
%! A = [2 1; 0 1]; b = [1; 0]; t = [0 0.5 2];
%! T_ref = gf_exact(A, b, [1; 1], t);
%! [t_ref, Th_ref] = gf_run(prob, [2; 1], [0 1], 'Method', 'rk4', 'Step', 0.1);
%! % a fresh copy: sources, .m files, the two scripts; no MEX files
%! tmp = tempname();
%! mkdir(fullfile(tmp, 'm', 'private'));
%! mkdir(fullfile(tmp, 'mex'));
%! copyfile(fullfile(root, 'mex', '*'), fullfile(tmp, 'mex'));
%! copyfile(fullfile(root, 'm', '*.m'), fullfile(tmp, 'm'));
%! copyfile(fullfile(root, 'm', 'private', '*.m'), fullfile(tmp, 'm', 'private'));
%! copyfile(fullfile(root, 'gdflow_build.m'), tmp);
%! copyfile(fullfile(root, 'gdflow_setup.m'), tmp);
%! old_path = path(); old_dir = pwd();
%! c = onCleanup(@() gdf_restore__(old_path, old_dir, tmp));
%! cd(tmp);
%! out = evalc('gdflow_setup');
%! assert (~isempty(strfind(out, 'is missing: building the MEX gateways')));
%! gw = dir(fullfile(root, 'mex', '*_mex.c'));
%! built = dir(fullfile(tmp, 'm', 'private', '*.mex'));
%! assert (sort({built.name}), sort(strrep({gw.name}, '.c', '.mex')));
%! % the copy is in use, and up to date: a second call builds nothing
%! assert (strcmp(which('gd_run'), fullfile(tmp, 'm', 'gd_run.m')));
%! assert (isempty(evalc('gdflow_setup')));
%! [~, info] = gdflow_version();
%! assert (strcmp(info.folder, fullfile(tmp, 'm')));
%! assert (numel(info.gateways), numel(gw));
%! % the same numbers as the Makefile's build
%! [th, info2] = gd_run(prob, [2; 1], 'StepSize', 0.4);
%! assert (th, th_ref, 0);
%! assert (info2.f, info_ref.f, 0);
%! assert (gf_exact(A, b, [1; 1], t), T_ref, 0);
%! [t1, Th] = gf_run(prob, [2; 1], [0 1], 'Method', 'rk4', 'Step', 0.1);
%! assert (t1, t_ref, 0);
%! assert (Th, Th_ref, 0);
%! % the callback path: a handle's error unwinds through the C library intact
%! th = gd_run(@(x) deal(0.5 * (x' * x), x), [1; -1], 'StepSize', 0.5, 'MaxIter', 100);
%! assert (norm(th) < 1e-8);
%! try
%!   gd_run(@(x) error('gdf:test:boom', 'boom at %g', x(1)), [3; 1]);
%!   error('gdf:test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdf:test:boom');
%!   assert (err.message, 'boom at 3');
%! end

%!testif ; exist(fullfile(gdf_test_root(), 'gdflow_build.m'), 'file') == 2
%! % DryRun prints one mex command per library file and gateway; bad options
%! root = gdf_test_root();
%! old = path(); c = onCleanup(@() path(old));
%! addpath(root);
%! tmp = tempname();
%! out = evalc('files = gdflow_build(''DryRun'', true, ''OutDir'', tmp);');
%! src = dir(fullfile(root, 'mex', '*.c'));
%! assert (numel(regexp(out, '(^|\n)mex ', 'match')), numel(src));
%! assert (~isempty(strfind(out, '-llapack')) || ~isempty(strfind(out, '-lopenblas')));
%! assert (~exist(tmp, 'dir'));
%! gw = dir(fullfile(root, 'mex', '*_mex.c'));
%! assert (numel(files), numel(gw));
%! assert (all(strncmp(files, tmp, numel(tmp))));
%! try
%!   gdflow_build('OutDir');
%!   error('gdf:test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gdflow_build:badOption');
%! end
%! try
%!   gdflow_build('Otudir', tmp);
%!   error('gdf:test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gdflow_build:badOption');
%! end
%! try
%!   gdflow_setup('bogus');
%!   error('gdf:test:noError', 'no error');
%! catch err
%!   assert (err.identifier, 'gdflow:gdflow_setup:badOption');
%! end
