cmake_minimum_required(VERSION 3.22)
# The complete example in rubrics/README.md must validate (-DTOOL, -DREADME, -DCONCEPTS, -DOUT):
# documentation that teaches a format must not drift from it.
file(READ "${README}" text)
string(FIND "${text}" "```toml\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "no ```toml block in ${README}")
endif()
math(EXPR start "${start} + 8")
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "```" stop)
string(SUBSTRING "${rest}" 0 ${stop} example)
file(WRITE "${OUT}" "${example}")
execute_process(COMMAND "${TOOL}" --check --concepts "${CONCEPTS}" "${OUT}" RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the README example does not validate:\n${err}")
endif()
