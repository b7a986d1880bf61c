#!/usr/bin/env bash
# Rewrites the analysis and scoring goldens in tests/data/golden/ from a build (default build/ci)
# after a deliberate change of output. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=$(realpath "${1:-build/ci}")
golden=$(realpath tests/data/golden)
(cd "$build" && ctest -R 'cli\.(make_test_audio|copy_bad_audio)' >/dev/null)
cd "$build/tests/audio"
b=$build
$b/mixgrade-analyze tone-23.wav clipped.flac quiet-mono.aiff >"$golden/analyze-table.txt" 2>"$golden/analyze-table.stderr"
$b/mixgrade-analyze --json tone-23.wav clipped.flac quiet-mono.aiff >"$golden/analyze.jsonl"
$b/mixgrade-loudness --json tone-23.wav >"$golden/loudness.jsonl"
$b/mixgrade-dynamics --json clipped.flac >"$golden/dynamics.jsonl"
$b/mixgrade-analyze --json tone-23.wav bad/text.wav bad/empty.wav clipped.flac bad/nan.wav \
  bad/header-only.wav quiet-mono.aiff >"$golden/analyze-batch.jsonl" 2>"$golden/analyze-batch.stderr" || true

# mixgrade-score grades a fixed analysis JSON, so its goldens carry no float noise from decoding.
score=("$b/mixgrade-score" --rubric "$root/tests/data/rubrics/course.toml"
       --concepts "$root/rubrics/concepts.toml")
in=$root/tests/data/analysis/golden.jsonl
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY
"${score[@]}" --from-json "$in" >"$golden/score.txt" 2>/dev/null || true
"${score[@]}" --json --student s123 --hint-level 2 --from-json - <"$in" >"$golden/score.jsonl" 2>/dev/null || true
"${score[@]}" --markdown --hint-level 3 --from-json "$in" >"$golden/score.md" 2>/dev/null || true
summary=$(mktemp)
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$summary "${score[@]}" --json --from-json "$in" \
  --markdown "$golden/score-default-hints.md" \
  >"$golden/score-default-hints.jsonl" 2>"$golden/score-github.stderr" || true
mv "$summary" "$golden/score-step-summary.md"
# The sample class's student pages (tests/data/class/pages/).
(cd "$build" && MIXGRADE_UPDATE_GOLDEN=1 ctest -R '^cli\.batch\.student_pages$' >/dev/null)
git -C "$golden" diff --stat -- . ../class/pages
