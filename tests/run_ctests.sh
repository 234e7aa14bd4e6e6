#!/usr/bin/env bash
# Run the C unit tests: plain, under valgrind memcheck, or built with ASan+UBSan.
# Usage: tests/run_ctests.sh plain|valgrind|asan BIN...
# Prints one "c-MODE: N passed, N failed" line: plain mode counts the checks
# each program reports, valgrind and asan count each clean program once.
mode=$1; shift
pass=0; fail=0
for t in "$@"; do
    name=$(basename "$t")
    case $mode in
        plain)    out=$("$t" 2>&1); rc=$? ;;
        valgrind) out=$(valgrind -q --error-exitcode=99 --leak-check=full \
                        --errors-for-leak-kinds=definite,indirect "$t" 2>&1); rc=$? ;;
        asan)     out=$(ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
                        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$t" 2>&1); rc=$? ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    if [ $rc -eq 0 ] && [ $mode = plain ]; then
        # plain runs count every CHECK the program reports
        n=$(printf '%s\n' "$out" | grep -oE '[0-9]+ passed' | tail -n 1 | grep -oE '[0-9]+')
        pass=$((pass + ${n:-1}))
    elif [ $rc -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "---- $mode $name failed (exit $rc):"
        printf '%s\n' "$out" | tail -n 40
    fi
done
echo "c-$mode: $pass passed, $fail failed"
[ $fail -eq 0 ]
