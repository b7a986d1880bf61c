# The Debian package (scripts/package runs `cpack -G DEB` in a build tree): the tools, their man
# pages and shell completions, and the shipped course under /usr/share/mixgrade. Runtime
# dependencies come from dpkg-shlibdeps. The version is the project's (CMakeLists.txt).
set(MIXGRADE_DOC share/doc/mixgrade)
set(MIXGRADE_PACKAGER "mixgrade maintainers <mixgrade@example.org>")

# Debian wants the changelog and the man pages compressed with gzip -9n (no name, no time: the
# same bytes on every build).
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog @ONLY)
find_program(GZIP gzip REQUIRED)
set(MIXGRADE_GZIPPED ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog.gz)
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog.gz
  COMMAND ${GZIP} -9nkf ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog VERBATIM)
foreach(page ${MIXGRADE_MAN_PAGES})
  add_custom_command(OUTPUT ${page}.gz COMMAND ${GZIP} -9nkf ${page} DEPENDS ${page} VERBATIM)
  list(APPEND MIXGRADE_GZIPPED ${page}.gz)
  install(FILES ${page}.gz DESTINATION share/man/man1)
endforeach()
add_custom_target(gzipped ALL DEPENDS ${MIXGRADE_GZIPPED})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/doc/changelog.gz ${CMAKE_CURRENT_LIST_DIR}/copyright
        DESTINATION ${MIXGRADE_DOC})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mixgrade)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${MIXGRADE_PACKAGER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${MIXGRADE_PACKAGER})
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "grades music-production homework")
# The extended description, in lines of at most 80 characters; CPack indents them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "mixgrade analyses a student's mix or master in one decode pass: BS.1770 and"
  "EBU R128 loudness, true peak, dynamics, spectral balance and stereo width."
  "It scores the file against an instructor's rubric with points, feedback,"
  "escalating hints and messages aimed at misconceptions, and assigns each"
  "student's next step (practice, a worked example, a transfer probe or a"
  "review) from a learner model, with a concept map."
  "."
  "mixgrade-batch grades a whole class from a Canvas or Moodle download and"
  "writes a gradebook, JUnit, Gradescope results and a page per student; the"
  "shipped course (rubrics, concepts, assignments, targets) is in"
  "/usr/share/mixgrade.")
include(CPack)
