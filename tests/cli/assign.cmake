# mixgrade-assign as a user runs it. Included from tests/CMakeLists.txt.
set(ASSIGN ${MIXGRADE_BIN_DIR}/mixgrade-assign)
set(ASSIGN_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/assign_test.sh)
set(ASSIGN_RUBRICS ${MIXGRADE_SOURCE_DIR}/rubrics)
set(ASSIGN_DATA ${MIXGRADE_TEST_DATA}/learner)

add_test(NAME cli.assign.check COMMAND ${ASSIGN} --check --rubrics ${ASSIGN_RUBRICS})
set_tests_properties(cli.assign.check PROPERTIES
  PASS_REGULAR_EXPRESSION "mixgrade-assign: 6 concepts, [0-9]+ assignments, [0-9]+ rubrics: OK")

add_test(NAME cli.assign.help COMMAND ${ASSIGN} --help)
set_tests_properties(cli.assign.help PROPERTIES
  PASS_REGULAR_EXPRESSION "Exit codes: 0 every submission recorded and passed, 1 some submission is below")

add_test(NAME cli.assign.no_student
  COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=1764000000
          ${ASSIGN} --rubrics ${ASSIGN_RUBRICS} --history ${CMAKE_CURRENT_BINARY_DIR}/no_student.db
          ${ASSIGN_DATA}/no-student.jsonl)
set_tests_properties(cli.assign.no_student PROPERTIES
  PASS_REGULAR_EXPRESSION "no-student.jsonl:1: no \"student\" field and no --student given")

foreach(scenario walkthrough_twice exit_codes concurrent corrupt show)
  add_test(NAME cli.assign.${scenario}
    COMMAND bash ${ASSIGN_SCRIPT} ${scenario} ${ASSIGN} ${ASSIGN_RUBRICS} ${ASSIGN_DATA}
            ${CMAKE_CURRENT_BINARY_DIR}/assign_${scenario})
endforeach()
