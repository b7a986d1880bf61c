# mixgrade-analyze, -loudness and -dynamics as a user runs them.
set(BAD bad)  # copied next to the generated audio, so paths in the goldens are relative

function(cli_test name)
  add_test(NAME cli.${name} COMMAND ${MIXGRADE_CHECK} ${ARGN})
  set_tests_properties(cli.${name} PROPERTIES FIXTURES_REQUIRED audio)
endfunction()

cli_test(analyze_help --exit 0
  --stdout-regex "Usage:.*--json.*loudness.integrated_lufs.*dynamics.dr.*Exit codes: 0 every file analysed"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --help)
cli_test(analyze_no_files_is_usage_error --exit 2 --stdout-lines 0 --stderr-lines 1
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze)
cli_test(analyze_bad_option_is_usage_error --exit 2 --stderr-regex "frobnicate"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --frobnicate x.wav)
cli_test(analyze_version --exit 0 --stdout-regex "^mixgrade-analyze ${PROJECT_VERSION}"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --version)
cli_test(analyze_missing_file_names_it --exit 3 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: nowhere.wav: no such file"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze nowhere.wav)

# Golden outputs, byte for byte, run from the audio folder so paths are short.
cli_test(analyze_table_golden --cd ${MIXGRADE_AUDIO} --exit 0
  --stdout ${MIXGRADE_GOLDEN}/analyze-table.txt --stderr ${MIXGRADE_GOLDEN}/analyze-table.stderr
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze tone-23.wav clipped.flac quiet-mono.aiff)
cli_test(analyze_json_golden --cd ${MIXGRADE_AUDIO} --exit 0 --stderr-lines 0
  --stdout ${MIXGRADE_GOLDEN}/analyze.jsonl
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json tone-23.wav clipped.flac quiet-mono.aiff)
cli_test(loudness_json_golden --cd ${MIXGRADE_AUDIO} --exit 0
  --stdout ${MIXGRADE_GOLDEN}/loudness.jsonl
  -- ${MIXGRADE_BIN_DIR}/mixgrade-loudness --json tone-23.wav)
cli_test(dynamics_json_golden --cd ${MIXGRADE_AUDIO} --exit 0
  --stdout ${MIXGRADE_GOLDEN}/dynamics.jsonl
  -- ${MIXGRADE_BIN_DIR}/mixgrade-dynamics --json clipped.flac)

# The same answer whatever the decode block size.
cli_test(analyze_block_size_1_matches_golden --cd ${MIXGRADE_AUDIO} --exit 0
  --stdout ${MIXGRADE_GOLDEN}/analyze.jsonl
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json --block-frames 1 tone-23.wav clipped.flac quiet-mono.aiff)
cli_test(analyze_block_size_7_matches_golden --cd ${MIXGRADE_AUDIO} --exit 0
  --stdout ${MIXGRADE_GOLDEN}/analyze.jsonl
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json --block-frames 7 tone-23.wav clipped.flac quiet-mono.aiff)

# A batch of good and bad files: every good file is analysed, every bad one is named on stderr
# in one line and gets an error line in the JSON, and the exit code is 3.
cli_test(analyze_batch_with_bad_files --cd ${MIXGRADE_AUDIO} --exit 3
  --stdout ${MIXGRADE_GOLDEN}/analyze-batch.jsonl --stderr ${MIXGRADE_GOLDEN}/analyze-batch.stderr
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json tone-23.wav ${BAD}/text.wav ${BAD}/empty.wav
     clipped.flac ${BAD}/nan.wav ${BAD}/header-only.wav quiet-mono.aiff)

# The metric reference in the README is exactly what the tools print.
cli_test(readme_metric_reference_is_current --exit 0 --stdout-in ${PROJECT_SOURCE_DIR}/README.md
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --list-metrics)
