# mixgrade-score as a user sees it: golden outputs (byte for byte, from a fixed analysis JSON so
# float noise cannot move them), exit codes, rubric errors, GitHub annotations, shipped rubrics.
# GITHUB_ACTIONS is cleared so that a CI run on GitHub does not change what is compared.
set(SCORE_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data)
set(SCORE_INPUT ${SCORE_DATA}/analysis/golden.jsonl)
set(SCORE_TOOL env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY ${MIXGRADE_BIN_DIR}/mixgrade-score)
set(SCORE_RUBRIC --rubric ${SCORE_DATA}/rubrics/course.toml
                 --concepts ${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml)

function(score_test name)
  add_test(NAME cli.score.${name} COMMAND ${MIXGRADE_CHECK} ${ARGN})
endfunction()

# Goldens over one good, one loud (misconceptions, partial points), one clipped (cap), one too
# short (absent metrics) and one failed submission (exit 3).
score_test(golden_text --exit 3 --stdout ${MIXGRADE_GOLDEN}/score.txt
  --stderr-regex "^mixgrade-score: broken.wav: format not recognised$"
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --from-json ${SCORE_INPUT})
score_test(golden_json_from_stdin --exit 3 --stdin ${SCORE_INPUT}
  --stdout ${MIXGRADE_GOLDEN}/score.jsonl
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --json --student s123 --hint-level 2 --from-json -)
score_test(golden_markdown --exit 3 --stdout ${MIXGRADE_GOLDEN}/score.md
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --markdown --hint-level 3 --from-json ${SCORE_INPUT})

# Under GitHub Actions: annotations on stderr, stdout unchanged, the Markdown summary appended to
# $GITHUB_STEP_SUMMARY (emptied first, then compared).
set(SCORE_SUMMARY ${CMAKE_CURRENT_BINARY_DIR}/score-step-summary.md)
add_test(NAME cli.score.github_summary_reset COMMAND ${CMAKE_COMMAND} -E rm -f ${SCORE_SUMMARY})
# One run writes the JSON (stdout), the pages (--markdown FILE), each annotation once and a step
# summary that opens with a one-line verdict.
set(SCORE_PAGES ${CMAKE_CURRENT_BINARY_DIR}/score-pages.md)
score_test(github_annotations --exit 3 --stdout ${MIXGRADE_GOLDEN}/score-default-hints.jsonl
  --stderr ${MIXGRADE_GOLDEN}/score-github.stderr
  -- env GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=${SCORE_SUMMARY}
     ${MIXGRADE_BIN_DIR}/mixgrade-score ${SCORE_RUBRIC} --json --from-json ${SCORE_INPUT}
     --markdown ${SCORE_PAGES})
score_test(github_step_summary --exit 0 --stdout ${MIXGRADE_GOLDEN}/score-step-summary.md
  -- cat ${SCORE_SUMMARY})
score_test(json_and_markdown_file --exit 0 --stdout ${MIXGRADE_GOLDEN}/score-default-hints.md
  -- cat ${SCORE_PAGES})
# The same submissions twice in one run: each annotation still once (9), the two log lines for
# the unreadable file twice.
set(SCORE_TWICE ${CMAKE_CURRENT_BINARY_DIR}/score-input-twice.jsonl)
file(READ ${SCORE_INPUT} SCORE_INPUT_TEXT)
file(WRITE ${SCORE_TWICE} "${SCORE_INPUT_TEXT}${SCORE_INPUT_TEXT}")
score_test(github_annotations_once --exit 3 --stderr-lines 11 --stdin ${SCORE_TWICE}
  -- env GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=/dev/null
     ${MIXGRADE_BIN_DIR}/mixgrade-score ${SCORE_RUBRIC} --json --from-json -)
score_test(markdown_stdout_with_json --exit 2 --stderr-lines 1
  --stderr-regex "--json and --markdown both want stdout: give --markdown PAGE.md"
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --json --markdown --from-json ${SCORE_INPUT})
set_tests_properties(cli.score.github_summary_reset PROPERTIES FIXTURES_SETUP score_summary_reset)
set_tests_properties(cli.score.github_annotations PROPERTIES
  FIXTURES_REQUIRED score_summary_reset FIXTURES_SETUP score_summary)
set_tests_properties(cli.score.github_step_summary cli.score.json_and_markdown_file
  PROPERTIES FIXTURES_REQUIRED score_summary)

# Exit codes.
score_test(exit_all_pass --exit 0 --stderr-lines 0
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --from-json ${SCORE_DATA}/analysis/passing.jsonl)
score_test(exit_below_pass --exit 1 --stderr-lines 0
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --from-json ${SCORE_DATA}/analysis/below.jsonl)
score_test(exit_no_rubric --exit 2 --stdout-lines 0 --stderr-regex "--rubric is required"
  -- ${SCORE_TOOL} --from-json ${SCORE_INPUT})
score_test(exit_no_input --exit 2 --stdout-lines 0
  --stderr-regex "give either audio files or --from-json"
  -- ${SCORE_TOOL} ${SCORE_RUBRIC})
score_test(exit_bad_hint_level --exit 2 --stdout-lines 0
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --hint-level 4 --from-json ${SCORE_INPUT})
score_test(exit_bad_rubric --exit 2 --stdout-lines 0 --stderr-lines 1
  --stderr-regex "bad-metric.toml:8:10: unknown metric \"loudness.integrated_lfus\". valid metrics, closest first: loudness.integrated_lufs, "
  -- ${SCORE_TOOL} --rubric ${SCORE_DATA}/rubrics/bad-metric.toml
     --concepts ${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml --from-json ${SCORE_INPUT})
score_test(exit_missing_audio --exit 3 --stderr-lines 1
  --stderr-regex "^mixgrade-score: no-such-file.wav: no such file"
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} no-such-file.wav)
score_test(exit_not_json --exit 3 --stderr-lines 1
  --stderr-regex "not-json.jsonl:1: not an analysis JSON object"
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --from-json ${SCORE_DATA}/analysis/not-json.jsonl)
score_test(check_bad_rubric --exit 2 --stderr-lines 1
  --stderr-regex "bad-range.toml:10:7: full-marks range is empty"
  -- ${SCORE_TOOL} --check --concepts ${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml
     ${SCORE_DATA}/rubrics/bad-range.toml)
# A rubric with no concepts.toml beside it is checked against the course the tool finds (here
# the source tree's rubrics/); a --course that holds none is one line naming it.
score_test(check_outside_course --exit 0 --stdout-regex "course.toml: ok: "
  -- ${SCORE_TOOL} --check ${SCORE_DATA}/rubrics/course.toml)
score_test(check_missing_course --exit 2 --stderr-lines 1
  --stderr-regex "course.toml: --course /nonexistent: no concepts.toml there or in /nonexistent/rubrics"
  -- ${SCORE_TOOL} --check --course /nonexistent ${SCORE_DATA}/rubrics/course.toml)
score_test(help --exit 0 --stdout-regex "--rubric.*--from-json.*--hint-level.*Exit codes: 0 every"
  -- ${SCORE_TOOL} --help)

# Every shipped rubric validates (those waiting for spectrum/stereo rows are listed until the
# metric table has them), and so does the complete example in rubrics/README.md.
add_test(NAME cli.score.check_shipped_rubrics
         COMMAND ${CMAKE_COMMAND} -DTOOL=${MIXGRADE_BIN_DIR}/mixgrade-score
                 -DRUBRICS=${MIXGRADE_SOURCE_DIR}/rubrics
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/check_shipped.cmake)
add_test(NAME cli.score.readme_example
         COMMAND ${CMAKE_COMMAND} -DTOOL=${MIXGRADE_BIN_DIR}/mixgrade-score
                 -DREADME=${MIXGRADE_SOURCE_DIR}/rubrics/README.md
                 -DCONCEPTS=${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml
                 -DOUT=${CMAKE_CURRENT_BINARY_DIR}/readme-example.toml
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/check_readme_example.cmake)

# The delivery spec flags a 22.05 kHz hand-in: the sample-rate criterion fails (no points), and
# the file is below the pass mark.
add_test(NAME cli.score.delivery_spec_fails_22k_sample_rate
         COMMAND ${MIXGRADE_CHECK} --cd ${MIXGRADE_AUDIO} --exit 1
           --stdout-regex "\"id\":\"sample_rate\",\"title\":\"Sample rate\",\"metric\":\"delivery.sample_rate_hz\",\"value\":22050.0,\"points\":0.0,\"max_points\":30.0,\"status\":\"fail\""
           -- ${SCORE_TOOL} --rubric ${MIXGRADE_SOURCE_DIR}/rubrics/delivery-spec.toml --json
              low-rate-22k.wav)
set_tests_properties(cli.score.delivery_spec_fails_22k_sample_rate PROPERTIES
  FIXTURES_REQUIRED audio)

# A cut-off upload (the header declares more audio than the file holds): one stderr line naming
# the file, the warning in the JSON, the grade withheld (exit 1); --grade-cut-off grades it and
# keeps the warning.
set(SCORE_CUT_OFF ${MIXGRADE_SOURCE_DIR}/tests/data/bad/truncated-data.wav)
score_test(suspect_cut_off_is_withheld --exit 1 --stderr-lines 1
  --stderr-regex "^mixgrade-score: [^ ]*truncated-data.wav: suspect upload: truncated-data.wav is cut off or damaged \\(truncated: the header declares 96000 bytes of audio, the file holds 9600\\)"
  --stdout-regex "\"warnings\":..\"kind\":\"cut_off\",\"message\":\"truncated-data.wav is cut off.*\"withheld\":true,\"adjustments\""
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --json ${SCORE_CUT_OFF})
score_test(suspect_grade_cut_off_grades_it --exit 1 --stderr-lines 1
  --stderr-regex "suspect upload: truncated-data.wav is cut off"
  --stdout-regex "\"warnings\":..\"kind\":\"cut_off\".*hand it in again\\.\"..,\"adjustments\""
  -- ${SCORE_TOOL} ${SCORE_RUBRIC} --json --grade-cut-off ${SCORE_CUT_OFF})
# --marks: the rows of --student give the manual criteria their points (first-mix: good.wav earns
# all 100 measured points, plus 15 of 20 for mix_balance); a bad row is one line naming FILE:LINE.
set(SCORE_FIRST_MIX --rubric ${MIXGRADE_SOURCE_DIR}/rubrics/first-mix.toml)
score_test(marks_count --exit 3 --stdout-regex "good.wav \\[s1\\]: 115.0/120.0 points [(]95.8 %[)], passed"
  -- ${SCORE_TOOL} ${SCORE_FIRST_MIX} --student s1 --marks ${SCORE_DATA}/marks/marks.csv
     --from-json ${SCORE_INPUT})
score_test(marks_not_marked_is_scaled --exit 3 --stdout-regex "good.wav: 120.0/120.0 points"
  -- ${SCORE_TOOL} ${SCORE_FIRST_MIX} --from-json ${SCORE_INPUT})
score_test(marks_bad_row --exit 2 --stderr-lines 1
  --stderr-regex "bad-points.csv:2: points \"high\" is not a number"
  -- ${SCORE_TOOL} ${SCORE_FIRST_MIX} --student s1 --marks ${SCORE_DATA}/marks/bad-points.csv
     --from-json ${SCORE_INPUT})
score_test(marks_need_a_student --exit 2 --stderr-regex "--marks needs --student"
  -- ${SCORE_TOOL} ${SCORE_FIRST_MIX} --marks ${SCORE_DATA}/marks/marks.csv
     --from-json ${SCORE_INPUT})

# Teach it back: the explanation beside the audio in --json, lookup order, --no-explain, refused
# files (tests/cli/explain_test.py says what it asserts).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME cli.score.explain
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/explain_test.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/explain)
  set_tests_properties(cli.score.explain PROPERTIES PASS_REGULAR_EXPRESSION "explain: ok")
endif()
