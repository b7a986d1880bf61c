# The pages in a real browser (tests/cli/browser_test.py says what it asserts): headless chromium
# loads report.html and a student's index.html of the sample class. Skipped (77) without chromium
# unless CI=true.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME cli.browser.pages
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/browser_test.py ${MIXGRADE_BIN_DIR}
            ${MIXGRADE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/browser)
  set_tests_properties(cli.browser.pages PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
