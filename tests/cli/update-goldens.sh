#!/usr/bin/env bash
# Rewrites the analysis goldens in tests/data/golden/ from a build (default build/ci) after a
# deliberate change of output. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
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
git -C "$golden" diff --stat -- .
