# The shell every tool shares (lib/cli/shell): one-line usage errors with a did-you-mean,
# --quiet and --verbose, the option names that are the same in every tool, subcommand help.
# Included from tests/CMakeLists.txt. Regexes use [(] and [?] for literal ( and ?.
function(shell_test name)
  add_test(NAME cli.shell.${name} COMMAND ${MIXGRADE_CHECK} ${ARGN})
  set_tests_properties(cli.shell.${name} PROPERTIES FIXTURES_REQUIRED audio)
endfunction()
set(SHELL_RUBRIC ${MIXGRADE_SOURCE_DIR}/rubrics/first-mix.toml)

# A misspelt option: one line naming it and the closest real one, nothing on stdout, exit 2.
shell_test(analyze_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: unknown option --jsn [(]did you mean --json[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --jsn x.wav)
shell_test(analyze_unknown_option_without_suggestion --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: unknown option --frobnicate [(]try --help[)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --frobnicate x.wav)
# Named even when a required option is missing too: the typo is the likelier cause.
shell_test(score_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-score: unknown option --rubirc [(]did you mean --rubric[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-score --rubirc ${SHELL_RUBRIC} x.wav)
shell_test(batch_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-batch: unknown option --jbos [(]did you mean --jobs[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-batch subs --jbos 4 -r ${SHELL_RUBRIC} --out never)
shell_test(batch_merge_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-batch: unknown option --ot [(]did you mean --out[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-batch merge --ot never part-1)
shell_test(assign_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-assign: unknown option --hisotry [(]did you mean --history[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-assign --hisotry x.db)
shell_test(target_did_you_mean --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-target: unknown option --outt [(]did you mean --out[?][)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-target build --outt x.toml ref.wav)
# Other parse errors: CLI11's reason in the same one-line style.
shell_test(score_bad_value_one_line --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-score: --hint-level: Value 4 not in range 1 to 3 [(]try --help[)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-score -r ${SHELL_RUBRIC} --hint-level 4 x.wav)
shell_test(batch_missing_required_one_line --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-batch: --rubric is required [(]try --help[)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-batch subs --out never)
shell_test(target_no_subcommand_one_line --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-target: A subcommand is required [(]try --help[)]$"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-target)

# --quiet keeps warnings off stderr but not errors; --verbose adds debug lines.
shell_test(analyze_warning_shown --cd ${MIXGRADE_AUDIO} --exit 0 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: clipped.flac: warning: clipping"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze clipped.flac)
shell_test(analyze_quiet_hides_warning --cd ${MIXGRADE_AUDIO} --exit 0 --stderr-lines 0
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --quiet clipped.flac)
shell_test(analyze_quiet_keeps_errors --exit 3 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: nowhere.wav: no such file"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze -q nowhere.wav)
shell_test(analyze_verbose --cd ${MIXGRADE_AUDIO} --exit 0 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: 1 file, 3 threads per file, 4096 frames per decode block"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --verbose --jobs 3 --block-frames 4096 tone-23.wav)
shell_test(score_verbose --exit 0
  --stderr-regex "^mixgrade-score: rubric course-test 2.1 [(][a-z0-9]+:[0-9a-f]+[)]: 5 criteria"
  -- env -u GITHUB_ACTIONS ${MIXGRADE_BIN_DIR}/mixgrade-score -v
     --rubric ${CMAKE_CURRENT_SOURCE_DIR}/data/rubrics/course.toml
     --concepts ${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml
     --from-json ${CMAKE_CURRENT_SOURCE_DIR}/data/analysis/passing.jsonl)
shell_test(quiet_and_verbose_conflict --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "^mixgrade-analyze: --quiet and --verbose exclude each other"
  -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze -q -v x.wav)

# Parallelism is --jobs (-j) in every tool; the analysis tools' --threads still works.
foreach(spelling --jobs -j --threads)
  shell_test(analyze_parallel_${spelling} --cd ${MIXGRADE_AUDIO} --exit 0
    --stdout ${MIXGRADE_GOLDEN}/analyze.jsonl
    -- ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json ${spelling} 2 tone-23.wav clipped.flac quiet-mono.aiff)
endforeach()

# --help says what it must: NAME REGEX TOOL ARGS...
function(help_test name regex tool)
  add_test(NAME cli.shell.${name} COMMAND ${MIXGRADE_BIN_DIR}/${tool} ${ARGN} --help)
  set_tests_properties(cli.shell.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
endfunction()
# Required options say so in --help, CLI11's REQUIRED or the condition in words.
help_test(batch_help_required
  "-r,--rubric TEXT REQUIRED.*--out TEXT +Output folder, created if needed [(]required unless --gradescope[)]"
  mixgrade-batch)
help_test(score_help_required
  "--rubric TEXT +The rubric: a TOML file, or the name of one of the course.s [(]first-mix[)] [(]required unless --check or --list-metrics[)]"
  mixgrade-score)
help_test(target_build_help "references TEXT ... REQUIRED.*-o,--out,--output TEXT REQUIRED"
  mixgrade-target build)
# merge is a subcommand: listed in mixgrade-batch --help, with a --help of its own.
help_test(batch_help_lists_merge "Subcommands:\n  merge +Join the OUT folders" mixgrade-batch)
help_test(batch_merge_help
  "Usage: mixgrade-batch merge [[]OPTIONS[]] shards.*-o,--out TEXT REQUIRED.*GNU parallel"
  mixgrade-batch merge)
