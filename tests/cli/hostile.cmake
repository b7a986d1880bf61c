# The bad-input corpus (tests/hostile/corpus.py says what each case must do): generated in the
# build tree, one line per kind of input with its count of cases handled.
if(Python3_Interpreter_FOUND)
  add_test(NAME hostile.corpus
    COMMAND ${Python3_EXECUTABLE} ${MIXGRADE_SOURCE_DIR}/tests/hostile/corpus.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/hostile)
  set_tests_properties(hostile.corpus PROPERTIES PASS_REGULAR_EXPRESSION "hostile: ok" TIMEOUT 600)
endif()
