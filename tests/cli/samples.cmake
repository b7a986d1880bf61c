# scripts/make-samples must regenerate the committed sample class byte for byte (it is
# deterministic: `sox -R`). Runs only where sox is installed; the generator needs about a second.
find_program(MIXGRADE_SOX sox)
if(MIXGRADE_SOX)
  add_test(NAME cli.samples_regenerate_identically
    COMMAND ${CMAKE_COMMAND}
      -DSOURCE_DIR=${MIXGRADE_SOURCE_DIR}
      -DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/samples-regenerated
      -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/scripts/compare_samples.cmake)
else()
  message(STATUS "sox not found: cli.samples_regenerate_identically is not registered")
endif()
