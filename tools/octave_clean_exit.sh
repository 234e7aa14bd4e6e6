#!/bin/bash
# Run a command (octave-cli --eval ...) and drop exactly one line from its
# standard error: "error: ignoring const execution_exception& while preparing
# to exit" (Octave 7 bug #62515).  Everything else passes through unchanged
# (standard output untouched, other error lines kept, in order), and the exit
# status is the command's own: a failing demo still fails `make demo`.
#
#   tools/octave_clean_exit.sh octave-cli --no-gui --norc --eval "..."
#
# Why: the line comes at every exit, --eval and standard input alike (so
# running the script through stdin does not avoid it), whenever Octave cannot
# save its history file (a first-time user has no ~/.local/share/octave):
# saving fails as Octave exits, after the script has run.  The Makefile also
# passes --no-history, which removes that cause; this filter catches the line
# from any other.  Measured on Octave 7.3.0 (Debian 12).
#
# This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later
if [ $# -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi
line='error: ignoring const execution_exception& while preparing to exit'
exec 3>&1
"$@" 2>&1 1>&3 3>&- | grep --line-buffered -v -x -F -e "$line" >&2
status=${PIPESTATUS[0]}
exec 3>&-
exit "$status"
