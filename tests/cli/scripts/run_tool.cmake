cmake_minimum_required(VERSION 3.22)
# Runs a tool as a user would and checks what they would see.
#   -DCOMMAND=tool|arg|arg...   the command line, '|' separated
#   -DEXPECT_RC=N               the exit code it must return
#   -DINPUT=file                (optional) fed to stdin
#   -DGOLDEN=file               (optional) stdout must equal this file byte for byte
#   -DSTDERR_GOLDEN=file        (optional) stderr must equal this file byte for byte
#   -DSTDERR_REGEX=regex        (optional) stderr must match
#   -DGITHUB=ON                 (optional) run as under GitHub Actions, with a step summary file
#                               that must receive the Markdown summary
# GITHUB_ACTIONS from the environment running the tests is cleared otherwise, so a CI run on
# GitHub does not change the output or write to the real step summary.
string(REPLACE "|" ";" argv "${COMMAND}")
unset(ENV{GITHUB_ACTIONS})
unset(ENV{GITHUB_STEP_SUMMARY})
if(GITHUB)
  set(summary "${CMAKE_CURRENT_BINARY_DIR}/step-summary-${EXPECT_RC}.md")
  file(REMOVE "${summary}")
  set(ENV{GITHUB_ACTIONS} true)
  set(ENV{GITHUB_STEP_SUMMARY} "${summary}")
endif()
set(stdin_arg)
if(INPUT)
  set(stdin_arg INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND ${argv} ${stdin_arg}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(pair "GOLDEN;out" "STDERR_GOLDEN;err")
  list(GET pair 0 golden_var)
  list(GET pair 1 text_var)
  if(${golden_var})
    file(READ "${${golden_var}}" expected)
    if(NOT "${${text_var}}" STREQUAL "${expected}")
      file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/actual-output.txt" "${${text_var}}")
      execute_process(COMMAND diff -u "${${golden_var}}" "${CMAKE_CURRENT_BINARY_DIR}/actual-output.txt")
      message(FATAL_ERROR "output differs from ${${golden_var}} (diff above)")
    endif()
  endif()
endforeach()
if(STDERR_REGEX AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${err}")
endif()
if(GITHUB)
  file(READ "${summary}" summary_text)
  if(NOT summary_text MATCHES "# Feedback: loud.wav")
    message(FATAL_ERROR "no Markdown summary in GITHUB_STEP_SUMMARY:\n${summary_text}")
  endif()
endif()
