# mixgrade-batch over the sample class, as an instructor runs it. Included from
# tests/CMakeLists.txt. The schemas live next to the project (../shared/validators, as in
# test_class_outputs); MIXGRADE_VALIDATORS_DIR points elsewhere.
set(BATCH ${MIXGRADE_BIN_DIR}/mixgrade-batch)
if(DEFINED ENV{MIXGRADE_VALIDATORS_DIR})
  set(BATCH_VALIDATORS $ENV{MIXGRADE_VALIDATORS_DIR})
else()
  set(BATCH_VALIDATORS ${MIXGRADE_SOURCE_DIR}/../shared/validators)
endif()

foreach(scenario golden jobs_and_order corrupt no_audio hints pages_agree late_files interrupted shards term_shards gradescope
        instructor_inputs regrade student_pages)
  add_test(NAME cli.batch.${scenario}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/batch_test.sh ${scenario} ${BATCH}
            ${MIXGRADE_SOURCE_DIR} ${BATCH_VALIDATORS} ${CMAKE_CURRENT_BINARY_DIR}/batch_${scenario})
  set_tests_properties(cli.batch.${scenario} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()

# The README's Slurm job array on a real single-node cluster started by the test (root only;
# skipped with the reason otherwise): the merged class equals one machine's byte for byte.
add_test(NAME cli.slurm
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/slurm_test.sh ${MIXGRADE_BIN_DIR} ${MIXGRADE_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/slurm)
set_tests_properties(cli.slurm PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)

# scripts/scale (the large-class benchmark behind scripts/bench --scale), CI-sized: it runs,
# keeps every student through slices and merge (300: more than one analysis slice of 256 in
# class_run), and prints its table.
add_test(NAME cli.scale
  COMMAND ${MIXGRADE_SOURCE_DIR}/scripts/scale --bin ${MIXGRADE_BIN_DIR} --sizes 40,300)
set_tests_properties(cli.scale PROPERTIES PASS_REGULAR_EXPRESSION "40 -> 300 students: time per student")

add_test(NAME cli.batch.help COMMAND ${BATCH} --help)
set_tests_properties(cli.batch.help PROPERTIES
  PASS_REGULAR_EXPRESSION "Exit codes: 0 every student graded and passed, 1 some student is below")
add_test(NAME cli.batch.merge_help COMMAND ${BATCH} merge --help)
set_tests_properties(cli.batch.merge_help PROPERTIES PASS_REGULAR_EXPRESSION "GNU parallel")
add_test(NAME cli.batch.bad_shard
  COMMAND ${BATCH} ${MIXGRADE_SOURCE_DIR}/samples/class --rubric ${MIXGRADE_SOURCE_DIR}/rubrics/first-mix.toml
          --out ${CMAKE_CURRENT_BINARY_DIR}/batch_bad_shard --shard 3/2)
set_tests_properties(cli.batch.bad_shard PROPERTIES
  PASS_REGULAR_EXPRESSION "mixgrade-batch: --shard '3/2' must be K/N with whole numbers 1 <= K <= N")
add_test(NAME cli.batch.no_folder
  COMMAND ${BATCH} ${CMAKE_CURRENT_BINARY_DIR}/no-such-folder
          --rubric ${MIXGRADE_SOURCE_DIR}/rubrics/first-mix.toml --out ${CMAKE_CURRENT_BINARY_DIR}/batch_none)
set_tests_properties(cli.batch.no_folder PROPERTIES
  PASS_REGULAR_EXPRESSION "mixgrade-batch: .*no-such-folder: ")

# A term of one course: three weekly class runs with a rubric fix and regrade, a late file, a mono
# mix, a cut-off upload, manual marks and an override (tests/cli/term_test.py says what it asserts).
find_program(TERM_SOX sox)
find_package(Python3 COMPONENTS Interpreter)
if(TERM_SOX AND Python3_Interpreter_FOUND)
  add_test(NAME cli.term
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/term_test.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${BATCH_VALIDATORS} ${CMAKE_CURRENT_BINARY_DIR}/term)
  set_tests_properties(cli.term PROPERTIES PASS_REGULAR_EXPRESSION "term: ok")
endif()

# Run from anywhere: a copied rubric, an installed layout, no course at all, assign on a terminal,
# read-only --show and --list (tests/cli/course_test.py says what it asserts).
if(Python3_Interpreter_FOUND)
  add_test(NAME cli.course
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/course_test.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/course)
  set_tests_properties(cli.course PROPERTIES PASS_REGULAR_EXPRESSION "course: ok")
  # The installed layout (cmake --install, as the Debian package lays it out): the tools from
  # PREFIX/bin, the installed course, man pages, bash and zsh completions (installed_test.py).
  add_test(NAME cli.installed
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/installed_test.py ${PROJECT_BINARY_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/installed)
  set_tests_properties(cli.installed PROPERTIES PASS_REGULAR_EXPRESSION "installed: ok")
  # The adaptive policy: --check for evidence, the simulated term's goals, pacing, the real
  # pipeline's first step (tests/cli/policy_test.py says what it asserts).
  add_test(NAME cli.policy
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/policy_test.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/policy)
  set_tests_properties(cli.policy PROPERTIES PASS_REGULAR_EXPRESSION "policy: ok")
endif()
