# mixgrade-score as a user sees it: golden outputs (byte for byte, from a fixed analysis JSON so
# float noise cannot move them), exit codes, rubric errors, GitHub annotations, shipped rubrics.
set(score_tool ${MIXGRADE_BIN_DIR}/mixgrade-score)
set(score_data ${CMAKE_CURRENT_SOURCE_DIR}/data)
set(score_script ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/run_tool.cmake)
set(score_rubric "--rubric|${score_data}/rubrics/course.toml|--concepts|${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml")
set(score_input ${score_data}/analysis/golden.jsonl)

function(mixgrade_score_test name rc)
  cmake_parse_arguments(T "GITHUB" "ARGS;INPUT;GOLDEN;STDERR_GOLDEN;STDERR_REGEX" "" ${ARGN})
  add_test(NAME cli.score.${name}
           COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${score_tool}|${T_ARGS}" -DEXPECT_RC=${rc}
                   "-DINPUT=${T_INPUT}" "-DGOLDEN=${T_GOLDEN}" "-DSTDERR_GOLDEN=${T_STDERR_GOLDEN}"
                   "-DSTDERR_REGEX=${T_STDERR_REGEX}" -DGITHUB=${T_GITHUB} -P ${score_script})
endfunction()

# Goldens: one good, one loud (misconceptions, partial points), one clipped (cap), one too short
# (absent metrics), one failed analysis (exit 3).
mixgrade_score_test(golden_text 3 ARGS "${score_rubric}|--from-json|${score_input}"
                    GOLDEN ${score_data}/golden/score.txt
                    STDERR_REGEX "^mixgrade-score: broken.wav: format not recognised\n$")
mixgrade_score_test(golden_json 3
                    ARGS "${score_rubric}|--json|--student|s123|--hint-level|2|--from-json|-"
                    INPUT ${score_input} GOLDEN ${score_data}/golden/score.jsonl)
mixgrade_score_test(golden_markdown 3
                    ARGS "${score_rubric}|--markdown|--hint-level|3|--from-json|${score_input}"
                    GOLDEN ${score_data}/golden/score.md)
mixgrade_score_test(github_annotations 3 GITHUB
                    ARGS "${score_rubric}|--json|--from-json|${score_input}"
                    GOLDEN ${score_data}/golden/score-default-hints.jsonl
                    STDERR_GOLDEN ${score_data}/golden/score-github.txt)

# Exit codes.
mixgrade_score_test(exit_all_pass 0 ARGS "${score_rubric}|--from-json|${score_data}/analysis/passing.jsonl")
mixgrade_score_test(exit_below_pass 1 ARGS "${score_rubric}|--from-json|${score_data}/analysis/below.jsonl")
mixgrade_score_test(exit_no_rubric 2 ARGS "--from-json|${score_input}"
                    STDERR_REGEX "--rubric is required")
mixgrade_score_test(exit_bad_option 2 ARGS "${score_rubric}|--hint-level|4|--from-json|${score_input}")
mixgrade_score_test(exit_bad_rubric 2
                    ARGS "--rubric|${score_data}/rubrics/bad-metric.toml|--concepts|${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml|--from-json|${score_input}"
                    STDERR_REGEX "bad-metric.toml:8:10: unknown metric \"loudness.integrated_lfus\"; valid metrics, closest first: loudness.integrated_lufs, ")
mixgrade_score_test(exit_missing_audio 3 ARGS "${score_rubric}|no-such-file.wav"
                    STDERR_REGEX "^mixgrade-score: no-such-file.wav: [^\n]+\n$")
mixgrade_score_test(exit_not_json 3 ARGS "${score_rubric}|--from-json|${score_data}/rubrics/course.toml"
                    STDERR_REGEX "course.toml:1: not an analysis JSON object")
mixgrade_score_test(check_bad 2
                    ARGS "--check|--concepts|${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml|${score_data}/rubrics/bad-range.toml"
                    STDERR_REGEX "bad-range.toml:10:7: full-marks range is empty")
mixgrade_score_test(help 0 ARGS "--help")

add_test(NAME cli.score.check_shipped_rubrics
         COMMAND ${CMAKE_COMMAND} -DTOOL=${score_tool} -DRUBRICS=${MIXGRADE_SOURCE_DIR}/rubrics
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/check_shipped.cmake)

add_test(NAME cli.score.readme_example
         COMMAND ${CMAKE_COMMAND} -DTOOL=${score_tool} -DREADME=${MIXGRADE_SOURCE_DIR}/rubrics/README.md
                 -DCONCEPTS=${MIXGRADE_SOURCE_DIR}/rubrics/concepts.toml
                 -DOUT=${CMAKE_CURRENT_BINARY_DIR}/readme-example.toml
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/check_readme_example.cmake)
