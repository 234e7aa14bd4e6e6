#!/usr/bin/env bash
# Fuzz every gdflow gateway and public function with bad arguments, each
# batch of calls in a child octave-cli, so that a crash or a hang kills only
# the child: it is counted, the call is recorded, and a new child goes on
# after it.  The calls are tests/fuzz/fuzz_cases.m (fixed order; case i is
# always the same call), run by tests/fuzz/fuzz_batch.m.
#
# Usage: tests/fuzz/run_fuzz.sh [--quick] [--asan] [--case N] [--range A:B]
#                               [--batch N] [--keep DIR]
#   (none)     every case (make fuzz)
#   --quick    every 150th case, a few hundred calls (make test); the cases
#              labelled '[needs ...]' (a fix made on another branch) skipped
#   --asan     the gateways rebuilt with AddressSanitizer + UBSan into
#              build/fuzz-asan, Octave run with libasan preloaded; a
#              sanitizer report aborts the child and counts as a crash
#   --case N   run case N alone, in the foreground, printing the call
#   --range A:B  cases A to B only (with --asan: find which call corrupted
#              the heap when a later one crashed)
#   --batch N  cases per child (default 3000)
# A call that does not return within 60 s (300 s with --asan: everything is
# slower) is a hang: the child is killed, the call recorded.
#   --keep DIR keep the logs (DIR/fuzz.log: S/E/M lines, see fuzz_batch.m)
# Ends with "fuzz: N passed, N failed": failed = crashes + hangs + errors
# that are neither gdflow: errors nor of an accepted kind (fuzz_classify.m).
# Exit status 0 only when nothing failed.
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
OCTAVE=${OCTAVE:-octave-cli}
step=1; batch=3000; asan=0; one=""; keep=""; tag=fuzz; first=1; upto=0; call_limit=60; skip=false
while [ $# -gt 0 ]; do
    case $1 in
        --quick) step=150; tag=fuzz-quick; skip=true ;;
        --asan) asan=1; tag=fuzz-asan; call_limit=300 ;;
        --case) one=$2; shift ;;
        --range) first=${2%%:*}; upto=${2##*:}; shift ;;
        --batch) batch=$2; shift ;;
        --keep) keep=$2; shift ;;
        *) echo "usage: $0 [--quick] [--asan] [--case N] [--range A:B] [--batch N] [--keep DIR]" >&2; exit 2 ;;
    esac
    shift
done

mroot=$root/m
envs=()
if [ $asan = 1 ]; then
    # sanitized copies of the gateways, as private functions of a copy of m/
    san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
    out=$root/build/fuzz-asan
    rm -rf "$out"; mkdir -p "$out/m/private" "$out/obj"
    cp m/*.m "$out/m/"; cp m/private/*.m "$out/m/private/"
    libs="$(mkoctfile -p LAPACK_LIBS) $(mkoctfile -p BLAS_LIBS)"
    for c in $(ls mex/gdf_*.c | grep -v -e gdf_mexutil.c -e _mex.c); do
        gcc -std=c99 -O1 -g -fPIC -fexceptions $san -c "$c" -o "$out/obj/$(basename "${c%.c}").o" || exit 1
    done
    CFLAGS="-std=c99 -O1 -g -fPIC $san" mkoctfile --mex -c mex/gdf_mexutil.c -o "$out/obj/mexutil.o" || exit 1
    for g in mex/*_mex.c; do
        n=$(basename "${g%.c}")
        CFLAGS="-std=c99 -O1 -g -fPIC $san" LDFLAGS="$san" mkoctfile --mex -o "$out/m/private/$n.mex" \
            "$g" "$out/obj/mexutil.o" $(ls "$out"/obj/gdf_*.o) $libs || exit 1
    done
    mroot=$out/m
    envs=(LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)"
          ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allocator_may_return_null=1
          UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1)
fi

setup="addpath('$mroot'); addpath('$root/tests/fuzz'); cd('$mroot/private');"
if [ -n "$one" ]; then
    env "${envs[@]}" $OCTAVE --no-gui --norc --no-history \
        --eval "$setup fuzz_batch($one, 1, 1, '/dev/null', true);" 2>&1 |
        grep -v '^error: ignoring const execution_exception'
    exit "${PIPESTATUS[0]}"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/fuzz.log
: > "$log"
: > "$tmp/findings"
t0=$SECONDS
next=$first; nb=0; crashes=0; hangs=0
while :; do
    nb=$((nb + 1))
    blog=$tmp/batch$nb.log
    if [ "$upto" -gt 0 ]; then
        [ $next -gt "$upto" ] && break
        [ $((next + step * (batch - 1))) -gt "$upto" ] && batch=$(((upto - next) / step + 1))
    fi
    : > "$blog"
    # a watchdog per call: the child writes a line to its log before and after
    # every call; a log silent for $call_limit s is a hang (the child is killed)
    env "${envs[@]}" $OCTAVE --no-gui --norc --no-history \
        --eval "$setup fuzz_batch($next, $step, $batch, '$blog', false, $skip);" > /dev/null 2> "$tmp/stderr$nb" &
    cpid=$!
    hung=0
    while kill -0 $cpid 2> /dev/null; do
        sleep 1
        if [ $(($(date +%s) - $(stat -c %Y "$blog"))) -gt $call_limit ]; then
            kill -9 $cpid 2> /dev/null; hung=1; break
        fi
    done
    wait $cpid
    rc=$?
    cat "$blog" >> "$log"
    if grep -q '^DONE' "$blog"; then
        grep -q '^ALL ' "$blog" && break
        last=$(grep -E '^S ' "$blog" | tail -n 1 | cut -d' ' -f2)
        next=$((last + step))
        continue
    fi
    # the child died: the call in flight is the last S line without its E line
    sline=$(grep -E '^S ' "$blog" | tail -n 1)
    if [ -z "$sline" ]; then
        echo "fuzz: the child octave-cli failed before its first call (exit $rc):"
        tail -n 20 "$tmp/stderr$nb"
        echo "fuzz: 0 passed, 1 failed"
        exit 1
    fi
    i=$(cut -d' ' -f2 <<<"$sline")
    if grep -qE "^E $i " "$blog"; then
        kind="died after the call (exit $rc)"; crashes=$((crashes + 1))
    elif [ $hung = 1 ]; then
        kind="HANG (no return within $call_limit s)"; hangs=$((hangs + 1))
    else
        kind="CRASH (exit $rc)"; crashes=$((crashes + 1))
    fi
    {
        echo "  case $i: $kind: ${sline#S $i }"
        grep -E 'AddressSanitizer|runtime error|SUMMARY|panic|Segmentation|#[0-3] ' "$tmp/stderr$nb" | head -n 12 | sed 's/^/      /'
    } >> "$tmp/findings"
    echo "C $i $kind" >> "$log"
    next=$((i + step))
done
secs=$((SECONDS - t0))

# tally the E lines: outcomes per class and per function
awk -v crashes=$crashes -v hangs=$hangs -v secs=$secs -v tag=$tag '
    /^S / { lab = $0; sub(/^S [0-9]+ /, "", lab); label[$2] = lab; split(lab, p, ":"); fn[$2] = p[1] }
    /^E / { n++; cls[$3]++; byfn[fn[$2], $3]++; fns[fn[$2]] = 1; if ($6 > 10) slow++;
            if ($5 == "gdflow:diverged") div++ }
    /^M / { m = $0; sub(/^M [0-9]+ /, "", m); msg[$2] = m }
    /^E / && $3 == "other" { other[++no] = $2 }
    /^E / && $3 == "accepted" { acc[$4]++ }
    END {
        printf("%s: %d calls in %d s: %d returned, %d gdflow: errors, %d accepted non-gdflow errors, %d other errors; %d crashes, %d hangs, %d slow (> 10 s); %d gdflow:diverged warnings%s\n",
               tag, n + crashes + hangs - cls["skipped"], secs, cls["ok"], cls["gdflow"], cls["accepted"], cls["other"], crashes, hangs, slow, div,
               cls["skipped"] ? sprintf("; %d [needs ...] cases skipped", cls["skipped"]) : "")
        printf("  %-18s %7s %7s %7s %7s %7s\n", "function", "calls", "ok", "gdflow", "accept", "other")
        for (f in fns)
            printf("  %-18s %7d %7d %7d %7d %7d\n", f, byfn[f, "ok"] + byfn[f, "gdflow"] + byfn[f, "accepted"] + byfn[f, "other"],
                   byfn[f, "ok"], byfn[f, "gdflow"], byfn[f, "accepted"], byfn[f, "other"]) | "sort"
        close("sort")
        for (a in acc) printf("  accepted: %d x %s\n", acc[a], a == "-" ? "(no identifier) raised inside a callback" : a)
        for (k = 1; k <= no && k <= 40; k++) printf("  case %d: OTHER ERROR: %s\n      %s\n", other[k], label[other[k]], msg[other[k]])
        if (no > 40) printf("  ... and %d more other errors\n", no - 40)
    }' "$log"
cat "$tmp/findings"
if [ -n "$keep" ]; then
    mkdir -p "$keep" && cp "$log" "$keep/$tag.log" && cat "$tmp"/stderr* > "$keep/$tag.stderr" 2>/dev/null
fi
total=$(grep -E '^E ' "$log" | grep -vc '^E [0-9]* skipped ')
other=$(grep -cE '^E [0-9]+ other ' "$log")
failed=$((crashes + hangs + other))
echo "$tag: $((total - other)) passed, $failed failed"
[ $failed -eq 0 ]
