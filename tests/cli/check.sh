#!/usr/bin/env bash
# Runs a command as a user would and checks what they would see.
#   check.sh [--exit N] [--stdout GOLDEN] [--stdout-in FILE] [--stderr GOLDEN]
#            [--stdout-regex RE] [--stderr-regex RE]
#            [--stderr-lines N] [--stdout-lines N] [--cd DIR] [--stdin FILE] -- COMMAND ARGS...
# --stdout/--stderr compare byte for byte with a golden file; --stdout-in requires the output to
# appear verbatim inside FILE (the README's metric reference, for example); --stdin feeds FILE
# to the command (default: nothing).
set -u
expect_exit=0 golden_out= golden_err= contained_in= err_lines= out_lines= dir=. out_re= err_re= stdin=/dev/null
while [ $# -gt 0 ]; do
  case "$1" in
    --exit) expect_exit=$2; shift 2 ;;
    --stdout) golden_out=$2; shift 2 ;;
    --stderr) golden_err=$2; shift 2 ;;
    --stdout-in) contained_in=$2; shift 2 ;;
    --stdout-regex) out_re=$2; shift 2 ;;
    --stderr-regex) err_re=$2; shift 2 ;;
    --stderr-lines) err_lines=$2; shift 2 ;;
    --stdout-lines) out_lines=$2; shift 2 ;;
    --cd) dir=$2; shift 2 ;;
    --stdin) stdin=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "check.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
(cd "$dir" && "$@") >"$out" 2>"$err" <"$stdin"
code=$?
fail=0
if [ "$code" != "$expect_exit" ]; then echo "exit code $code, expected $expect_exit"; fail=1; fi
if [ -n "$golden_out" ] && ! diff -u "$golden_out" "$out"; then echo "stdout differs from $golden_out"; fail=1; fi
if [ -n "$golden_err" ] && ! diff -u "$golden_err" "$err"; then echo "stderr differs from $golden_err"; fail=1; fi
# (not grep -F: it takes each line of a multi-line pattern as a pattern of its own)
if [ -n "$contained_in" ] && [[ "$(cat "$contained_in")" != *"$(cat "$out")"* ]]; then
  echo "stdout does not appear verbatim in $contained_in:"; cat "$out"; fail=1
fi
if [ -n "$out_re" ] && ! [[ "$(cat "$out")" =~ $out_re ]]; then echo "stdout does not match /$out_re/"; fail=1; fi
if [ -n "$err_re" ] && ! [[ "$(cat "$err")" =~ $err_re ]]; then echo "stderr does not match /$err_re/"; fail=1; fi
if [ -n "$out_lines" ] && [ "$(wc -l <"$out")" != "$out_lines" ]; then echo "stdout has $(wc -l <"$out") lines, expected $out_lines"; fail=1; fi
if [ -n "$err_lines" ] && [ "$(wc -l <"$err")" != "$err_lines" ]; then echo "stderr has $(wc -l <"$err") lines, expected $err_lines"; fail=1; fi
if [ $fail != 0 ]; then
  echo "--- command: $*"; echo "--- stdout:"; cat "$out"; echo "--- stderr:"; cat "$err"
  exit 1
fi
echo "ok: $*"
