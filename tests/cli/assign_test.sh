#!/usr/bin/env bash
# Scenarios for mixgrade-assign; each exits non-zero with a message on the first broken promise.
# Usage: assign_test.sh SCENARIO ASSIGN_BINARY RUBRICS_DIR DATA_DIR WORK_DIR
set -euo pipefail
scenario=$1 assign=$2 rubrics=$3 data=$4 work=$5
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$assign" --rubrics "$rubrics" "$@"; }

case $scenario in
walkthrough_twice)
  # Same inputs, fresh histories: byte-identical outputs (deterministic, time from --now).
  for n in 1 2; do
    for i in 1 2 3; do
      run --history "$work/h$n.db" --now $((1764000000 + (i - 1) * 604800)) --out "$work/out$n" \
        "$data/ana-$i.jsonl" > "$work/stdout$n-$i.txt" || true
    done
  done
  diff -r "$work/out1" "$work/out2" || fail "second run differs"
  # Golden files (after week 3). After an intended change, regenerate them with these commands and
  # copy feedback/ana/{next.md,next.json,concept-map.dot} to tests/data/learner/golden/ana-week3-*.
  for f in next.md next.json concept-map.dot; do
    diff "$data/golden/ana-week3-$f" "$work/out1/ana/$f" || fail "$f differs from its golden file"
  done
  for f in next.md next.json concept-map.dot concept-map.svg; do
    [[ -s $work/out1/ana/$f ]] || fail "missing $f"
  done
  grep -q "Hint (apply, third miss or later)" "$work/out1/ana/next.md" || fail "no apply hint"
  grep -q "## Teach it back" "$work/out1/ana/next.md" || fail "no teach-it-back prompt"
  grep -q "<svg" "$work/out1/ana/concept-map.svg" || fail "not an SVG"
  ;;
exit_codes)
  set +e
  run --history "$work/h.db" --now 1764000000 "$data/ana-1.jsonl" > /dev/null; rc=$?
  [[ $rc == 1 ]] || fail "below the pass mark: expected exit 1, got $rc"
  run --history "$work/h.db" --now 1764000000 "$data/ana-2.jsonl" > /dev/null; rc=$?
  [[ $rc == 0 ]] || fail "passed: expected exit 0, got $rc"
  printf '%s\n' '{"file": "broken.wav", "error": "not an audio file"}' |
    run --history "$work/h.db" --now 1764000000 - "$data/ana-2.jsonl" > /dev/null 2> "$work/err"; rc=$?
  [[ $rc == 3 ]] || fail "failed input: expected exit 3, got $rc"
  grep -q "broken.wav: not graded: not an audio file" "$work/err" || fail "no message for the failed input"
  run --history "$work/h.db" --student '../etc' "$data/ana-2.jsonl" > /dev/null 2>&1; rc=$?
  [[ $rc == 2 ]] || fail "bad student id: expected exit 2, got $rc"
  ;;
concurrent)
  # Two tool invocations write the same history at once; nothing is lost or corrupted.
  run --history "$work/h.db" --now 1764000000 --student first "$data/ana-1.jsonl" > /dev/null || true
  for s in a b; do
    ( for i in 1 2 3; do
        sed "s/\"student\": \"ana\"/\"student\": \"$s$i\"/" "$data/ana-$i.jsonl"
        sed "s/\"student\": \"ana\"/\"student\": \"$s\"/" "$data/ana-$i.jsonl"
      done > "$work/$s.jsonl" )
  done
  run --history "$work/h.db" --now 1764000000 "$work/a.jsonl" > "$work/a.out" 2>&1 &
  pid_a=$!
  run --history "$work/h.db" --now 1764000000 "$work/b.jsonl" > "$work/b.out" 2>&1 &
  pid_b=$!
  wait $pid_a || [[ $? == 1 ]] || fail "writer a failed: $(cat "$work/a.out")"
  wait $pid_b || [[ $? == 1 ]] || fail "writer b failed: $(cat "$work/b.out")"
  for s in a b; do
    run --history "$work/h.db" --show $s --json > "$work/$s.json"
    grep -o '"attempt":[0-9]*' "$work/$s.json" | wc -l | grep -qx 3 || fail "student $s: expected 3 submissions"
    for i in 1 2 3; do
      run --history "$work/h.db" --show $s$i --json | grep -q '"submissions":\[{' || fail "student $s$i lost"
    done
  done
  ;;
corrupt)
  printf 'not a database, just some notes\n' > "$work/h.db"
  cp "$work/h.db" "$work/before.db"
  set +e
  run --history "$work/h.db" "$data/ana-1.jsonl" > /dev/null 2> "$work/err"; rc=$?
  set -e
  [[ $rc == 2 ]] || fail "corrupt history: expected exit 2, got $rc"
  grep -qx "mixgrade-assign: $work/h.db: not a usable mixgrade history: file is not a database (the file was left untouched)" "$work/err" \
    || fail "unexpected message: $(cat "$work/err")"
  [[ $(wc -l < "$work/err") == 1 ]] || fail "message is not one line"
  cmp -s "$work/h.db" "$work/before.db" || fail "the corrupt file was modified"
  ;;
show)
  run --history "$work/h.db" --now 1764000000 "$data/ana-1.jsonl" > /dev/null || true
  run --history "$work/h.db" --show ana > "$work/table.txt"
  grep -q "^Gain staging and headroom .* ready" "$work/table.txt" || fail "table: $(cat "$work/table.txt")"
  run --history "$work/h.db" --show ana --json | grep -q '"next":{"assignment":"gain-staging-worked"' \
    || fail "show --json lacks the issued assignment"
  set +e
  run --history "$work/h.db" --show nobody > /dev/null 2>&1; rc=$?
  [[ $rc == 2 ]] || fail "unknown student: expected exit 2, got $rc"
  ;;
*) fail "unknown scenario $scenario" ;;
esac
echo "ok: $scenario"
