function opt = gdf_parse_options(fn, opt, args)
%GDF_PARSE_OPTIONS  Options of a .m function: name-value pairs and options structs.
%   OPT = GDF_PARSE_OPTIONS(FN, DEFAULTS, ARGS) sets the fields of the struct
%   DEFAULTS from the cell ARGS, which holds name-value pairs and 1x1
%   options structs in any order (an empty field of an options struct is
%   unset, as in optimset), the way the C option parser of the gateways
%   reads them: names are case-insensitive and are stored under the
%   spelling of DEFAULTS.  Errors (identifiers gdflow:FN:<what>):
%     unknownOption  a name that is not a field of DEFAULTS, with the
%                    nearest valid name ("did you mean 'X'?") when it is
%                    within 3 edits, and the list of valid names
%     missingValue   a name without a value
%     badOption      an argument that is neither a name nor a 1x1 struct
%   Values are not checked here: each caller checks its own.

%   This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
names = fieldnames(opt);
i = 1;
while i <= numel(args)
  a = args{i};
  if isstruct(a)
    if numel(a) ~= 1
      error(['gdflow:' fn ':badOption'], '%s: an options struct must be 1x1.', fn);
    end
    given = fieldnames(a);
    for j = 1:numel(given)
      v = a.(given{j});
      if isempty(v)
        continue                               % unset, as in optimset
      end
      k = find_name(fn, names, given{j});
      opt.(names{k}) = v;
    end
    i = i + 1;
    continue
  end
  if ~(ischar(a) && size(a, 1) <= 1)
    error(['gdflow:' fn ':badOption'], ['%s: expected an option name (a character vector) or an ' ...
          'options struct at option position %d, not a value of class %s.'], fn, i, class(a));
  end
  k = find_name(fn, names, a);
  if i + 1 > numel(args)
    error(['gdflow:' fn ':missingValue'], '%s: option %s has no value (options are name-value pairs).', ...
          fn, names{k});
  end
  opt.(names{k}) = args{i + 1};
  i = i + 2;
end
end

function k = find_name(fn, names, name)
k = find(strcmpi(name, names));
if ~isempty(k)
  k = k(1);
  return
end
list = strjoin(names', ', ');
d = zeros(numel(names), 1);
for j = 1:numel(names)
  d(j) = edit_distance(lower(name), lower(names{j}));
end
[best, j] = min(d);
% the name is user text: keep it printable (non-UTF-8 bytes would break regexprep in callers)
shown = name;
shown(shown < 32 | shown > 126) = '?';
if best <= 3
  error(['gdflow:' fn ':unknownOption'], '%s: unknown option ''%s''; did you mean ''%s''? Valid options: %s.', ...
        fn, shown, names{j}, list);
end
error(['gdflow:' fn ':unknownOption'], '%s: unknown option ''%s''. Valid options: %s.', fn, shown, list);
end

function d = edit_distance(a, b)
% Levenshtein distance (the C parser's rule: suggest within 3 edits)
if numel(a) > 63 || numel(b) > 63
  d = 99;
  return
end
row = 0:numel(b);
for i = 1:numel(a)
  prev = row(1);
  row(1) = i;
  for j = 1:numel(b)
    cur = row(j + 1);
    sub = prev + (a(i) ~= b(j));
    row(j + 1) = min([sub, row(j + 1) + 1, row(j) + 1]);
    prev = cur;
  end
end
d = row(end);
end
