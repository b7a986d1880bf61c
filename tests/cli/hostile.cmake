# The bad-input corpus (tests/hostile/corpus.py says what each case must do): generated in the
# build tree, one line per kind of input with its count of cases handled.
if(Python3_Interpreter_FOUND)
  add_test(NAME hostile.corpus
    COMMAND ${Python3_EXECUTABLE} ${MIXGRADE_SOURCE_DIR}/tests/hostile/corpus.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/hostile ${MIXGRADE_AUDIO})
  set_tests_properties(hostile.corpus PROPERTIES PASS_REGULAR_EXPRESSION "hostile: ok" TIMEOUT 600
                       FIXTURES_REQUIRED audio)
endif()

# The kill -9 soak, CI-sized (scripts/soak runs 50 rounds): a class run killed at a random moment
# and run again writes exactly the files of an uninterrupted run.
if(Python3_Interpreter_FOUND)
  add_test(NAME hostile.kill_soak
    COMMAND ${Python3_EXECUTABLE} ${MIXGRADE_SOURCE_DIR}/scripts/soak --rounds 5 --bin ${MIXGRADE_BIN_DIR})
  set_tests_properties(hostile.kill_soak PROPERTIES PASS_REGULAR_EXPRESSION "0 differing" TIMEOUT 600)
endif()
