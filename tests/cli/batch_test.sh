#!/usr/bin/env bash
# Scenarios for mixgrade-batch over the sample class; each exits non-zero with a message on the
# first broken promise.
# Usage: batch_test.sh SCENARIO BATCH_BINARY SOURCE_DIR VALIDATORS_DIR WORK_DIR
# MIXGRADE_UPDATE_GOLDEN=1 rewrites tests/data/batch/gradebook.golden.csv and the student pages in
# tests/data/class/pages/ (review the diff).
# MIXGRADE_VALIDATORS_DIR overrides VALIDATORS_DIR. Without the schemas (or xmllint, jsonschema)
# the other checks still run and the test reports itself skipped (exit 77), never passed.
set -euo pipefail
scenario=$1 batch=$2 src=$3 validators=${MIXGRADE_VALIDATORS_DIR:-$4} work=$5
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
skipped=0
have_schema() {
  if [[ -f $validators/$1 ]] && command -v "$2" > /dev/null; then return 0; fi
  echo "SKIPPED: no $validators/$1 or no $2" >&2
  skipped=1
  return 1
}
# Two output folders are the same when every file but the history and the cache is equal.
same_outputs() {
  diff -r -x 'mixgrade.db*' -x .cache "$1" "$2" || fail "$3"
}
# Every student's learner state in two histories, as mixgrade-assign shows it: equal.
assign=$(dirname "$batch")/mixgrade-assign
same_learners() {
  local a b key
  a=$("$assign" --history "$1" --list --json) b=$("$assign" --history "$2" --list --json)
  [[ "$a" == "$b" ]] || fail "$3: --list differs"$'\n'"$(diff <(echo "$a") <(echo "$b"))"
  for key in $("$assign" --history "$1" --list | tail -n +2 | cut -f1); do
    a=$("$assign" --history "$1" --show "$key" --json) b=$("$assign" --history "$2" --show "$key" --json)
    [[ "$a" == "$b" ]] || fail "$3: the learner state of $key differs"
  done
}
# Reproducible: the history and the JUnit timestamp take this time.
export SOURCE_DATE_EPOCH=1764000000
rubric=$src/rubrics/first-mix.toml
roster=$src/samples/roster.csv
# Runs the batch, keeping going on the expected non-zero exit codes; $rc has the code.
grade() { set +e; "$batch" "$@" > "$work/stdout" 2> "$work/stderr"; rc=$?; set -e; }
# Copies the sample class into $1, file by file in the order given by the rest.
copy_class() {
  local dir=$1; shift
  rm -rf "$dir" && mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/"; done
}
# Submissions of each student in the history: "key count" lines.
history_counts() {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for name, n in db.execute("SELECT s.name, COUNT(*) FROM submissions u JOIN students s "
                          "ON s.id = u.student_id GROUP BY s.name ORDER BY s.name"):
    print(name, n)
PY
}
cd "$src"  # paths in the outputs are relative, as an instructor would type them
class=(samples/class/*)

case $scenario in
golden)
  # The sample class end to end: the Canvas gradebook byte for byte, strict JUnit valid against
  # Jenkins' schema, every student's folder complete, exit 1 (one mix below the pass mark).
  grade samples/class --roster "$roster" --rubric "$rubric" --out "$work/out" --junit-strict \
    --assignment-name "First mix" --assignment-id 4411 --jobs 2
  [[ $rc == 1 ]] || fail "expected exit 1 (one student below the pass mark), got $rc: $(cat "$work/stderr")"
  [[ ! -s $work/stderr ]] || fail "stderr is not clean when it is not a terminal: $(cat "$work/stderr")"
  golden=$src/tests/data/batch/gradebook.golden.csv
  [[ -n ${MIXGRADE_UPDATE_GOLDEN:-} ]] && cp "$work/out/gradebook.csv" "$golden"
  diff "$golden" "$work/out/gradebook.csv" || fail "gradebook.csv differs from its golden file"
  if have_schema junit-10.xsd xmllint; then
    xmllint --noout --schema "$validators/junit-10.xsd" "$work/out/junit.xml" ||
      fail "strict junit.xml is not valid against junit-10.xsd"
  fi
  for key in 10231 10232 10233 10234 10235 10236 10237; do
    for f in result.json feedback.md next.md next.json concept-map.svg; do
      [[ -s $work/out/$key/$f ]] || fail "missing $key/$f"
    done
  done
  grep -q "7 submissions: 7 analysed, 0 from the cache" "$work/stdout" || fail "counts: $(cat "$work/stdout")"
  ;;
jobs_and_order)
  # --jobs 1 and --jobs 2, files arriving in opposite orders with other modification times:
  # the same outputs, byte for byte.
  copy_class "$work/subs" "${class[@]}"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/one" --jobs 1
  [[ $rc == 1 ]] || fail "jobs 1: exit $rc"
  mapfile -t reversed < <(printf '%s\n' "${class[@]}" | sort -r)
  sleep 1  # so the copies get other modification times
  copy_class "$work/subs" "${reversed[@]}"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/two" --jobs 2
  [[ $rc == 1 ]] || fail "jobs 2: exit $rc"
  same_outputs "$work/one" "$work/two" "--jobs 1 and --jobs 2 (reversed arrival) differ"
  ;;
corrupt)
  # One unreadable upload in the class: that student gets an error row and a feedback page, the
  # other seven are graded, one line on stderr, exit 3.
  copy_class "$work/subs" "${class[@]}"
  cp "$src/tests/data/bad/truncated-header.wav" "$work/subs/kowalskipiotr_10238_50018_mix.wav"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/out"
  [[ $rc == 3 ]] || fail "expected exit 3, got $rc"
  [[ $(wc -l < "$work/stderr") == 1 ]] || fail "expected one line on stderr: $(cat "$work/stderr")"
  grep -q "kowalskipiotr_10238_50018_mix.wav" "$work/stderr" || fail "stderr does not name the file"
  python3 - "$work/out/grades.json" <<'PY' || fail "grades.json"
import json, sys
g = json.load(open(sys.argv[1]))
errors = [s for s in g["students"] if s["error"]]
assert len(errors) == 1 and errors[0]["key"] == "10238", errors
assert g["counts"]["graded"] == 7 and g["counts"]["failed_to_process"] == 1, g["counts"]
PY
  grep -q "Could not be graded" "$work/out/10238/feedback.md" || fail "no error feedback page"
  ;;
no_audio)
  # A student who handed in only a zip: listed, not graded, named on stderr, exit 3.
  copy_class "$work/subs" "${class[@]}"
  echo "PK" > "$work/subs/smithjane_10239_50019_project.zip"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  [[ $rc == 3 ]] || fail "expected exit 3, got $rc"
  [[ $(wc -l < "$work/stderr") == 1 ]] || fail "expected one line on stderr: $(cat "$work/stderr")"
  grep -q "student 10239 (smithjane): no audio file submitted" "$work/stderr" || fail "stderr: $(cat "$work/stderr")"
  grep -q "7 passed\|6 passed" "$work/stdout" && grep -q "1 could not be processed" "$work/stdout" ||
    fail "summary: $(cat "$work/stdout")"
  # --quiet keeps what explains exit 3.
  grade "$work/subs" --rubric "$rubric" --out "$work/quiet" -q
  [[ $rc == 3 ]] || fail "--quiet: expected exit 3, got $rc"
  grep -q "no audio file submitted" "$work/stderr" || fail "--quiet hid the reason for exit 3"
  ;;
hints)
  # Hints escalate from the learner history: the clipped mix handed in again (other bytes, the
  # same faults) gets the rule for each criterion it missed both times (lost points: partial or
  # fail), where it first got the direction; --hint-level 3 pins the level for everyone, and the
  # history records and next.md shows what was shown (apply), still counted as a first miss.
  copy_class "$work/subs" "${class[@]}"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  cp "$work/out/10232/result.json" "$work/first.json"
  second=$(ls "$work/subs" | grep _10232_)
  sox "$work/subs/$second" "$work/again.wav" gain -0.01
  mv "$work/again.wav" "$work/subs/$second"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  cp "$work/out/10232/result.json" "$work/second.json"
  grade "$work/subs" --rubric "$rubric" --out "$work/pinned" --hint-level 3
  python3 - "$work/first.json" "$work/second.json" "$work/out/10232/feedback.md" \
    "$work/pinned/10232/result.json" <<'PY' || fail "hint levels"
import json, sys
first, second, pinned = (json.load(open(sys.argv[i])) for i in (1, 2, 4))
page = open(sys.argv[3]).read()
def missed(c):  # CriterionRecord::missed (rubric/score_record.hpp)
    return c["status"] in ("partial", "fail")
before = {c["id"]: c for c in first["criteria"]}
twice = [c for c in second["criteria"] if missed(c) and missed(before[c["id"]])]
assert twice, "the clipped mix should miss some criterion twice"
for c in twice:
    assert before[c["id"]]["hint"] == c["hints"]["direction"], ("first miss", c["id"])
    assert c["hint"] == c["hints"]["rule"], ("second miss", c["id"], c["hint"])
    assert c["hint_level"] == "rule", c["id"]
    assert c["hints"]["rule"] in page, c["id"]
for c in second["criteria"]:
    if missed(c) and not missed(before[c["id"]]):
        assert c["hint"] == c["hints"]["direction"], ("missed once", c["id"])
    if not missed(c):
        assert c["hint"] is None, ("not missed, no hint", c["id"])
for c in pinned["criteria"]:
    if missed(c):
        assert c["hint"] == c["hints"]["apply"], (c["id"], c["hint"])
PY
  [[ $(history_counts "$work/out/mixgrade.db" | grep -c '^10232 2$') == 1 ]] || fail "two submissions of 10232 expected"
  grep -q "Hint (apply, first miss)" "$work/pinned/10232/next.md" || fail "pinned next.md: $(grep Hint "$work/pinned/10232/next.md")"
  ! grep -q "third miss" "$work/pinned/10232/next.md" || fail "a first miss counted as the third"
  python3 - "$work/pinned/mixgrade.db" <<'PY' || fail "the history records the hint shown"
import sqlite3, sys
levels = {row[0] for row in sqlite3.connect(sys.argv[1]).execute("SELECT level FROM hints_shown")}
assert levels == {3}, levels
PY
  ;;
pages_agree)
  # One record per submission: the student's feedback.md, next.md, result.json and the class
  # gradebook say the same of it: the same rows (value, points, status), the same hints at the
  # same levels, the same total. Graded twice so that some hints have escalated.
  copy_class "$work/subs" "${class[@]}"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  for f in "$work"/subs/*; do sox "$f" "$work/again.${f##*.}" gain -0.01; mv "$work/again.${f##*.}" "$f"; done
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  python3 - "$work/out" <<'PY' || fail "pages disagree"
import csv, json, pathlib, re, sys
out = pathlib.Path(sys.argv[1])
book = {r["ID"]: r for r in csv.DictReader(open(out / "gradebook.csv")) if r["ID"]}
checked = 0
for result in sorted(out.glob("*/result.json")):
    r = json.loads(result.read_text())
    if "error" in r:
        continue
    feedback = (result.parent / "feedback.md").read_text()
    nxt = (result.parent / "next.md").read_text()
    rows = lambda page: re.findall(r"^\| ([^|]+) \| ([^|]*) \| ([\d./]*) \| ([\w ]+) \|$", page, re.M)
    assert rows(feedback) == rows(nxt), (result, rows(feedback), rows(nxt))
    assert len(rows(feedback)) == sum(c["visibility"] != "hidden" for c in r["criteria"]), result
    for c in r["criteria"]:
        if c["visibility"] != "visible":
            continue
        if c["status"] in ("partial", "fail"):
            assert c["hint"] == c["hints"][c["hint_level"]], (result, c["id"])
            assert f"*Try this:* {c['hint']}" in feedback, (result, c["id"])
            assert f"Hint ({c['hint_level']}," in nxt and c["hint"] in nxt, (result, c["id"])
        else:
            assert c["hint"] is None, (result, c["id"])
    total = f"**{r['score']:.1f} / {r['max_score']:.1f}** ({r['percent']:.1f} %)"
    page_total = f"{r['score']:.1f} / {r['max_score']:.1f} points ({r['percent']:.1f} %)"
    assert total in nxt and page_total in feedback, (result, total)
    key = result.parent.name
    if key in book:
        assert float(book[key]["Mix"]) == r["score"], key
    checked += 1
assert checked >= 5, checked
PY
  ;;
late_files)
  # Four submissions graded, then three late files arrive: the re-run analyses three, takes four
  # from the cache, and the history holds each submission once.
  copy_class "$work/subs" "${class[@]:0:4}"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  grep -q "4 submissions: 4 analysed, 0 from the cache" "$work/stdout" || fail "first run: $(cat "$work/stdout")"
  cp "${class[@]:4}" "$work/subs/"
  grade "$work/subs" --rubric "$rubric" --out "$work/out"
  grep -q "7 submissions: 3 analysed, 4 from the cache" "$work/stdout" || fail "re-run: $(cat "$work/stdout")"
  [[ $(history_counts "$work/out/mixgrade.db" | awk '$2 != 1' | wc -l) == 0 ]] || fail "duplicated history"
  [[ $(history_counts "$work/out/mixgrade.db" | wc -l) == 7 ]] || fail "history should hold 7 students"
  ;;
interrupted)
  # The state a run killed while recording its fifth student leaves: four students committed to
  # the history (one transaction each, in submission order) with their folders, the fourth
  # student's files not yet written, no class files. Made by grading the first four and deleting
  # what the kill would have prevented. Running again completes the class: the same class files
  # and pages as an uninterrupted run, each submission once in the history.
  copy_class "$work/subs" "${class[@]}"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/clean"
  copy_class "$work/subs" "${class[@]:0:4}"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/out"
  fourth=$(ls "$work/out" | grep -E '^[0-9]+$' | sort | sed -n 4p)
  rm -f "$work/out/$fourth"/{result.json,feedback.md,next.md,next.json} "$work/out"/*.csv \
        "$work/out"/grades.json "$work/out"/junit.xml "$work/out"/summary.md
  cp "${class[@]:4}" "$work/subs/"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/out"
  [[ $rc == 1 ]] || fail "re-run: exit $rc: $(cat "$work/stderr")"
  [[ $(history_counts "$work/out/mixgrade.db" | awk '$2 != 1' | wc -l) == 0 ]] || fail "duplicated history"
  diff <(history_counts "$work/clean/mixgrade.db") <(history_counts "$work/out/mixgrade.db") ||
    fail "history differs from an uninterrupted run"
  # The fourth student's next step is rebuilt from the history, which says it was recorded before.
  grep -q "already recorded" "$work/out/$fourth/next.md" || fail "next.md of $fourth not rebuilt"
  diff -r -x 'mixgrade.db*' -x .cache -x next.md -x next.json "$work/clean" "$work/out" ||
    fail "outputs differ from an uninterrupted run"
  for key in $(ls "$work/clean" | grep -E '^[0-9]+$' | grep -vx "$fourth"); do
    diff "$work/clean/$key/next.md" "$work/out/$key/next.md" || fail "$key/next.md changed"
  done
  # And a real interruption: SIGKILL as soon as the first student's page appears (while the
  # others are being recorded, on any machine where that takes more than a poll), then run again.
  copy_class "$work/subs" "${class[@]}"
  "$batch" "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/killed" --jobs 1 \
    > /dev/null 2>&1 &
  pid=$!
  for _ in $(seq 500); do
    compgen -G "$work/killed/*/next.md" > /dev/null && break
    sleep 0.01
  done
  kill -9 $pid 2> /dev/null || true
  wait $pid 2> /dev/null || true
  [[ -e $work/killed/gradebook.csv ]] && echo "note: the run finished before the kill" >&2 ||
    echo "note: killed mid-run ($(history_counts "$work/killed/mixgrade.db" 2> /dev/null | wc -l) students recorded)" >&2
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/killed"
  [[ $rc == 1 ]] || fail "re-run after SIGKILL: exit $rc: $(cat "$work/stderr")"
  diff <(history_counts "$work/clean/mixgrade.db") <(history_counts "$work/killed/mixgrade.db") ||
    fail "history after SIGKILL and a re-run differs from an uninterrupted run"
  for f in gradebook.csv gradebook-moodle.csv summary.md; do
    diff "$work/clean/$f" "$work/killed/$f" || fail "$f after SIGKILL and a re-run differs"
  done
  ;;
shards)
  # Two shards merged equal one run: class files and every student folder.
  grade samples/class --roster "$roster" --rubric "$rubric" --out "$work/single" --junit-strict
  for k in 1 2; do
    grade samples/class --roster "$roster" --rubric "$rubric" --out "$work/part-$k" --shard $k/2 --junit-strict
    [[ $rc == 0 || $rc == 1 ]] || fail "shard $k/2: exit $rc: $(cat "$work/stderr")"
  done
  n1=$(ls "$work/part-1" | grep -cE '^[0-9]+$') n2=$(ls "$work/part-2" | grep -cE '^[0-9]+$')
  [[ $((n1 + n2)) == 7 && $n1 -gt 0 && $n2 -gt 0 ]] || fail "shards hold $n1 + $n2 students"
  grade merge --out "$work/merged" --roster "$roster" --junit-strict "$work/part-1" "$work/part-2"
  [[ $rc == 1 ]] || fail "merge: exit $rc: $(cat "$work/stderr")"
  same_outputs "$work/single" "$work/merged" "sharded-then-merged differs from a single run"
  grade merge --out "$work/twice" "$work/part-1" "$work/part-1"
  [[ $rc == 2 ]] && grep -q "graded in two shards" "$work/stderr" || fail "a shard merged twice was accepted"
  # ...and refused before anything was copied into --out.
  [[ ! -e $work/twice ]] || [[ -z $(ls -A "$work/twice") ]] || fail "a refused merge left files in --out"
  ;;
term_shards)
  # A term whose number of slices changes: week 1 on 3 slices, week 2 on 2, each week-2 slice
  # started from the class history the week-1 merge wrote (--class-history). Week 2 equals one
  # machine's week 2 (one history all term), file for file and learner state for learner state,
  # though some student moved to another slice. Week 2's files are week 1's 1 dB quieter: new
  # attempts under the same rubric, so hints escalate from week 1's misses.
  mkdir -p "$work/week1" "$work/week2"
  cp "${class[@]}" "$work/week1/"
  for f in "${class[@]}"; do sox "$f" "$work/week2/$(basename "$f")" gain -1; done
  single_week() {
    grade "$work/week$1" --roster "$roster" --rubric "$rubric" --out "$work/single$1" \
      --history "$work/single.db"
    [[ $rc == 0 || $rc == 1 ]] || fail "single week $1: exit $rc: $(cat "$work/stderr")"
  }
  single_week 1
  for k in 1 2 3; do
    grade "$work/week1" --roster "$roster" --rubric "$rubric" --out "$work/w1/part-$k" --shard $k/3
    [[ $rc == 0 || $rc == 1 ]] || fail "week 1 shard $k/3: exit $rc: $(cat "$work/stderr")"
  done
  grade merge --out "$work/w1/merged" --roster "$roster" "$work"/w1/part-*
  [[ $rc == 0 || $rc == 1 ]] || fail "week 1 merge: exit $rc: $(cat "$work/stderr")"
  same_outputs "$work/single1" "$work/w1/merged" "week 1 on 3 slices differs from one machine"
  same_learners "$work/single.db" "$work/w1/merged/mixgrade.db" "the class history after week 1"
  single_week 2
  for mode in class-history fresh; do
    for k in 1 2; do
      extra=()
      [[ $mode == class-history ]] && extra=(--class-history "$work/w1/merged/mixgrade.db")
      grade "$work/week2" --roster "$roster" --rubric "$rubric" --out "$work/w2-$mode/part-$k" \
        --shard $k/2 "${extra[@]}"
      [[ $rc == 0 || $rc == 1 ]] || fail "week 2 shard $k/2 ($mode): exit $rc: $(cat "$work/stderr")"
    done
    grade merge --out "$work/w2-$mode/merged" --roster "$roster" "$work/w2-$mode"/part-*
    [[ $rc == 0 || $rc == 1 ]] || fail "week 2 merge ($mode): exit $rc: $(cat "$work/stderr")"
  done
  moved=0
  for dir in "$work"/w1/part-*/[0-9]*/; do
    key=$(basename "$dir") k1=$(basename "$(dirname "$dir")")
    for k2 in 1 2; do
      [[ -d $work/w2-class-history/part-$k2/$key && part-$k2 != "$k1" ]] && moved=$((moved + 1))
    done
  done
  [[ $moved -gt 0 ]] || fail "no student moved to another slice between weeks: the test shows nothing"
  same_outputs "$work/single2" "$work/w2-class-history/merged" \
    "week 2 on 2 slices started from the class history differs from one machine's week 2"
  same_learners "$work/single.db" "$work/w2-class-history/merged/mixgrade.db" \
    "the class history after week 2"
  # The control: slices that start without the class history forget week 1.
  if diff -rq -x 'mixgrade.db*' -x .cache "$work/single2" "$work/w2-fresh/merged" > /dev/null; then
    fail "week 2 without --class-history equals one machine's: the comparison cannot fail"
  fi
  # A slice history started from an older class history is refused, not silently used.
  grade "$work/week2" --roster "$roster" --rubric "$rubric" --out "$work/w1/part-1" --shard 1/2 \
    --class-history "$work/w2-class-history/merged/mixgrade.db"
  [[ $rc == 2 ]] && grep -q "lacks .* of the class history" "$work/stderr" ||
    fail "a slice history older than --class-history was used: exit $rc: $(cat "$work/stderr")"
  ;;
gradescope)
  # One submission in a Gradescope container layout: results.json valid against the schema
  # written from Gradescope's specification, with the fields it requires.
  mkdir -p "$work/submission"
  cp samples/class/brennanliam_10232_50012_final_mix.wav "$work/submission/"
  grade --gradescope --rubric "$rubric" --gradescope-submission "$work/submission" \
    --gradescope-results "$work/results/results.json"
  [[ $rc == 1 ]] || fail "the clipped mix: expected exit 1, got $rc"
  # The fields the specification requires are checked here; the schema too, when it is there.
  schema=$validators/gradescope-results.schema.json
  have_schema gradescope-results.schema.json python3 || schema=""
  python3 - "$work/results/results.json" "$schema" <<'PY' || fail "results.json"
import json, sys
results = json.load(open(sys.argv[1]))
if sys.argv[2]:
    import jsonschema
    jsonschema.validate(results, json.load(open(sys.argv[2])))
assert isinstance(results["score"], (int, float)) and results["score"] < 50, results["score"]
tests = results["tests"]
# One test per criterion (mix_balance is manual and not marked: 0 of 0), then the adjustments:
# the scaling of the 100 measured points to the rubric's 120.
assert [t["name"] for t in tests] == ["no_clipping", "peak_level", "loudness", "dynamics_kept",
                                      "mix_balance", "Scaled to the rubric total"], tests
for t in tests:
    assert set(t) >= {"name", "score", "max_score", "status", "output", "visibility"}, t
    assert t["status"] in ("passed", "failed") and t["visibility"] in ("visible", "hidden", "after_due_date", "after_published")
assert abs(sum(t["score"] for t in tests) - results["score"]) < 0.01
assert any(t["status"] == "failed" for t in tests)
PY
  # Visibility comes from the rubric: the test rubric hides one criterion and holds one back
  # until the due date.
  grade --gradescope --rubric "$src/tests/data/rubrics/course.toml" \
    --concepts "$src/rubrics/concepts.toml" --gradescope-submission "$work/submission" \
    --gradescope-results "$work/results/course.json"
  [[ $rc == 0 || $rc == 1 ]] || fail "course rubric: exit $rc: $(cat "$work/stderr")"
  python3 - "$work/results/course.json" <<'PY' || fail "visibility"
import json, sys
tests = {t["name"]: t["visibility"] for t in json.load(open(sys.argv[1]))["tests"]}
assert tests["dr"] == "hidden" and tests["range"] == "after_due_date", tests
assert tests["loudness"] == "visible", tests
PY
  # An empty submission: still a results.json (score 0, the reason), exit 3.
  mkdir -p "$work/empty"
  grade --gradescope --rubric "$rubric" --gradescope-submission "$work/empty" \
    --gradescope-results "$work/results/empty.json"
  [[ $rc == 3 ]] || fail "empty submission: expected exit 3, got $rc"
  grep -q '"score": 0' "$work/results/empty.json" || fail "empty submission: no zero score"
  grep -q "no audio file" "$work/results/empty.json" || fail "empty submission: no reason"
  ;;
regrade)
  # A rubric fix (version bumped) re-grades the same files: each is a regrade, not a second
  # attempt. The hints stay at the first miss, the summary counts the regrades, a re-run with
  # nothing changed records nothing, and --regrade forces them again.
  grade samples/class --rubric "$rubric" --out "$work/out"
  cp "$work/out/10232/result.json" "$work/v1.json"
  sed 's/^version = .*/version = "9.9-fix"/' "$rubric" > "$work/fixed.toml"
  fixed=(--rubric "$work/fixed.toml" --concepts "$src/rubrics/concepts.toml" --rubrics "$src/rubrics")
  grade samples/class "${fixed[@]}" --out "$work/out"
  grep -q "could not be processed; 7 regrades$" "$work/stdout" || fail "no regrade count: $(cat "$work/stdout")"
  grep -q "7 were regrades" "$work/out/summary.md" || fail "summary.md does not count the regrades"
  python3 - "$work/v1.json" "$work/out/10232/result.json" "$work/out/mixgrade.db" <<'PY' || fail "regrade"
import json, sqlite3, sys
v1, v2 = (json.load(open(sys.argv[i])) for i in (1, 2))
assert v2["rubric"]["version"] == "9.9-fix", v2["rubric"]
for a, b in zip(v1["criteria"], v2["criteria"]):
    assert a["hint_level"] == b["hint_level"], (a["id"], a["hint_level"], b["hint_level"])
db = sqlite3.connect(sys.argv[3])
rows = db.execute("SELECT COUNT(*), SUM(superseded_by IS NULL) FROM submissions").fetchone()
assert rows == (14, 7), rows
PY
  grade samples/class "${fixed[@]}" --out "$work/out"
  grep -q "processed; [0-9]* regrade" "$work/stdout" && fail "a re-run counted regrades: $(cat "$work/stdout")"
  grade samples/class "${fixed[@]}" --out "$work/out" --regrade
  grep -q "; 7 regrades$" "$work/stdout" || fail "--regrade did not force: $(cat "$work/stdout")"
  ;;
instructor_inputs)
  # Marks for the manual mix_balance criterion, overrides and the late policy, as an instructor
  # gives them. Okafor handed in 1.5 days after the due date: 2 days at 5 % of 120 = -12.
  copy_class "$work/subs" "${class[@]}"
  touch -d 2026-11-19T12:00:00Z "$work/subs"/*
  touch -d 2026-11-22T12:00:00Z "$work/subs"/okafornkechi_10231_*
  printf 'student,criterion,points,comment\n10231,mix_balance,15,"Vocal a bit low, nice drums"\n10234,mix_balance,20,\n' > "$work/marks.csv"
  printf 'student,criterion,points,reason\n10233,,70,Agreed at the review\n10236,loudness,20,Quiet on purpose\n' > "$work/overrides.csv"
  grade "$work/subs" --roster "$roster" --rubric "$rubric" --out "$work/out" \
    --marks "$work/marks.csv" --overrides "$work/overrides.csv" \
    --due 2026-11-20T23:59:00Z --late-per-day 5 --late-cap 30
  [[ $rc == 1 ]] || fail "expected exit 1, got $rc: $(cat "$work/stderr")"
  grep -q '^"Okafor, Nkechi",10231,S0231,nokafor,Mix Lab A,103$' "$work/out/gradebook.csv" ||
    fail "Okafor: 100 measured + 15 marked - 12 late: $(cat "$work/out/gradebook.csv")"
  grep -q '^"Chen, Wei",10233,S0233,wchen,Mix Lab A,70$' "$work/out/gradebook.csv" || fail "Chen: override"
  grep -q '^"Diallo, Amara",10234,S0234,adiallo,Mix Lab B,120$' "$work/out/gradebook.csv" || fail "Diallo: 100 + 20"
  grep -q 'Vocal a bit low, nice drums 2 days late: -10 % (cap 30 %)' "$work/out/gradebook-moodle.csv" ||
    fail "the Moodle comment names the comment and the penalty"
  grep -q -- '- Chen, Wei: Total set to 70 by the instructor: Agreed at the review' "$work/out/summary.md" ||
    fail "summary: the total override"
  grep -q -- '- Haddad, Omar: `loudness` set to 20/25: Quiet on purpose' "$work/out/summary.md" ||
    fail "summary: the criterion override"
  # One set of numbers: every record adds up, and grades.json says what the gradebook says.
  python3 - "$work/out" <<'PY' || fail "records do not add up"
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for st in json.loads((out / "grades.json").read_text())["students"]:
    r = st["result"]
    total = sum(c["points"] for c in r["criteria"]) + sum(a["points"] for a in r.get("adjustments", []))
    assert abs(total - r["score"]) < 0.011, (st["key"], total, r["score"])
    assert r["max_score"] == 120, r["max_score"]
    assert st["score"] == r["score"]
PY
  # A bad row stops the run before anyone is graded: exit 2, FILE:LINE, no class files.
  printf 'student,criterion,points\n10231,mix_balance,15\nnobody,mix_balance,3\n' > "$work/bad.csv"
  grade "$work/subs" --rubric "$rubric" --out "$work/bad" --marks "$work/bad.csv"
  [[ $rc == 2 ]] || fail "unknown student: expected exit 2, got $rc"
  grep -q "bad.csv:3: unknown student \"nobody\"" "$work/stderr" || fail "message: $(cat "$work/stderr")"
  [[ ! -e $work/bad/gradebook.csv ]] || fail "a gradebook was written despite the bad CSV"
  printf 'student,criterion,points\n10231,mix_balance,25\n' > "$work/bad.csv"
  grade "$work/subs" --rubric "$rubric" --out "$work/bad" --marks "$work/bad.csv"
  [[ $rc == 2 ]] || fail "points above the maximum: expected exit 2, got $rc"
  grep -q 'bad.csv:2: points 25 for "mix_balance" must be between 0 and 20' "$work/stderr" || fail "message: $(cat "$work/stderr")"
  [[ $(wc -l < "$work/stderr") == 1 ]] || fail "one line: $(cat "$work/stderr")"
  ;;
student_pages)
  # Every student's feedback.md for the sample class, graded with the rubric scripts/demo uses,
  # byte for byte: the pages a student reads (roster name, titles, plain words, hints).
  grade samples/class --roster "$roster" --rubric rubrics/mixdown-for-mastering.toml \
    --out "$work/out" --assignment-name "Mix-down"
  [[ $rc == 1 ]] || fail "expected exit 1 (some students below the pass mark), got $rc"
  pages=$src/tests/data/class/pages
  for key in 10231 10232 10233 10234 10235 10236 10237; do
    if [[ -n ${MIXGRADE_UPDATE_GOLDEN:-} ]]; then
      mkdir -p "$pages" && cp "$work/out/$key/feedback.md" "$pages/$key.md"
    fi
    diff "$pages/$key.md" "$work/out/$key/feedback.md" || fail "$key/feedback.md differs from its golden"
    ! grep -q "$src" "$work/out/$key/feedback.md" || fail "$key: the page shows a folder"
  done
  # The plots of one student byte for byte (they are drawn from the analysis, so goldens work),
  # each inlined in index.html; a warm re-run writes the same bytes.
  for plot in loudness spectrum stereo; do
    golden=$pages/10232.$plot.svg
    [[ -z ${MIXGRADE_UPDATE_GOLDEN:-} ]] || cp "$work/out/10232/$plot.svg" "$golden"
    diff "$golden" "$work/out/10232/$plot.svg" > /dev/null || fail "10232/$plot.svg differs from its golden"
    python3 -c 'import sys; svg, page = (open(f).read() for f in sys.argv[1:]); sys.exit(svg not in page)' \
      "$golden" "$work/out/10232/index.html" || fail "10232/index.html does not inline $plot.svg"
  done
  cp -r "$work/out" "$work/first"
  grade samples/class --roster "$roster" --rubric rubrics/mixdown-for-mastering.toml \
    --out "$work/out" --assignment-name "Mix-down"
  for key in 10231 10232 10233 10234 10235 10236 10237; do
    for f in index.html loudness.svg spectrum.svg stereo.svg; do
      cmp -s "$work/first/$key/$f" "$work/out/$key/$f" || fail "$key/$f differs on a warm re-run"
    done
  done
  cmp -s "$work/first/report.html" "$work/out/report.html" || fail "report.html differs on a warm re-run"
  ;;
*) fail "unknown scenario $scenario" ;;
esac
(( skipped == 0 )) || exit 77
