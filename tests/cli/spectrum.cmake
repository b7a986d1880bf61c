# mixgrade-spectrum, mixgrade-stereo and mixgrade-target as a user runs them.
find_program(MIXGRADE_SOX sox)
set(spec_dir ${CMAKE_CURRENT_BINARY_DIR}/spectrum_cli)
set(expect ${CMAKE_CURRENT_SOURCE_DIR}/cli/support/expect_run.cmake)
set(shipped_target ${PROJECT_SOURCE_DIR}/rubrics/targets/wesnoth-orchestral.toml)

if(NOT MIXGRADE_SOX)
  message(WARNING "sox not found: the spectrum/stereo command-line tests are not registered")
  return()
endif()

add_test(NAME cli.spectrum.make_audio
         COMMAND ${CMAKE_COMMAND} -DSOX=${MIXGRADE_SOX} -DDIR=${spec_dir}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/support/make_spectrum_audio.cmake)
set_tests_properties(cli.spectrum.make_audio PROPERTIES FIXTURES_SETUP spectrum_audio)

# name, regex, command...
function(spectrum_cli_test name regex)
  add_test(NAME cli.spectrum.${name} COMMAND ${ARGN} WORKING_DIRECTORY ${spec_dir})
  set_tests_properties(cli.spectrum.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}"
                       FIXTURES_REQUIRED spectrum_audio)
endfunction()

# name, exit code, stdout regex, stderr regex, command...
function(spectrum_cli_expect name code out err)
  add_test(NAME cli.spectrum.${name}
           COMMAND ${CMAKE_COMMAND} "-DCMD=${ARGN}" -DCODE=${code} "-DSTDOUT=${out}"
                   "-DSTDERR=${err}" -DSTDERR_LINES=1 -P ${expect}
           WORKING_DIRECTORY ${spec_dir})
  set_tests_properties(cli.spectrum.${name} PROPERTIES FIXTURES_REQUIRED spectrum_audio)
endfunction()

set(spectrum ${MIXGRADE_BIN_DIR}/mixgrade-spectrum)
set(stereo ${MIXGRADE_BIN_DIR}/mixgrade-stereo)
set(target ${MIXGRADE_BIN_DIR}/mixgrade-target)

spectrum_cli_test(help "spectrum.tilt_db_per_oct.*--target.*Exit codes" ${spectrum} --help)
spectrum_cli_test(stereo_help "stereo.mono_loss_lu.*Exit codes" ${stereo} --help)
spectrum_cli_test(target_help "build.*check.*--min-half-width" ${target} --help)
spectrum_cli_test(list_metrics "\\| `spectrum.bands.sub.level_db` \\| dB \\|" ${spectrum} --list-metrics)
spectrum_cli_test(table "file +tilt +centroid +rolloff +tgt rms\npink.wav +-?0.[0-2] " ${spectrum} pink.wav)
spectrum_cli_test(json
  "^\\{\"file\":\"pink.wav\",\"format\":\\{[^}]*\\},\"spectrum\":\\{\"bands\":\\[\\{\"name\":\"sub\",\"low_hz\":20.0,\"high_hz\":60.0,\"level_db\":-[0-9.]+\\}.*\"third_octave\":\\[\\{\"center_hz\":25.0,\"level_db\":-[0-9.]+\\}.*\"tilt_db_per_oct\":-?0.[0-9]+,\"centroid_hz\":[0-9.]+,\"rolloff_hz\":[0-9.]+\\},\"warnings\":\\[\\]\\}"
  ${spectrum} --json pink.wav)
spectrum_cli_test(white_tilt "\"tilt_db_per_oct\":(2.[7-9]|3.[0-3])" ${spectrum} --json white.wav)
spectrum_cli_test(with_target
  "\"target\":\\{\"name\":\"wesnoth-orchestral\",\"rms_deviation_db\":[0-9.]+,\"worst_band_hz\":[0-9.]+,\"worst_deviation_db\":-?[0-9.]+,\"bands_outside\":\\[[^]]*\\],\"third_octave\":\\[\\{\"center_hz\":25.0,\"deviation_db\":-?[0-9.]+,\"low_db\":-[0-9.]+,\"high_db\":[0-9.]+\\}"
  ${spectrum} --json --target ${shipped_target} pink.wav)
# A file compared with itself deviates by nothing.
spectrum_cli_test(with_reference "\"rms_deviation_db\":0.0,.*\"bands_outside\":\\[\\]"
  ${spectrum} --json --reference pink.wav pink.wav)
spectrum_cli_expect(bad_target 2 "^$"
  "^mixgrade-spectrum: [^\n]*bad_center.toml:3:17: center_hz 1001 is not an ISO 266 third-octave centre"
  ${spectrum} --target ${MIXGRADE_TEST_DATA}/targets/bad_center.toml pink.wav)
spectrum_cli_expect(bad_syntax 2 "^$" "^mixgrade-spectrum: [^\n]*bad_syntax.toml:3:[0-9]+: "
  ${spectrum} --target ${MIXGRADE_TEST_DATA}/targets/bad_syntax.toml pink.wav)
spectrum_cli_expect(missing_reference 2 "^$" "^mixgrade-spectrum: nope.wav: "
  ${spectrum} --reference nope.wav pink.wav)
spectrum_cli_expect(missing_file 3 "\"error\":" "^mixgrade-spectrum: nope.wav: "
  ${spectrum} --json pink.wav nope.wav)

spectrum_cli_test(stereo_mono
  "\"stereo\":\\{\"mono\":true,\"correlation\":null,\"negative_correlation_pct\":null,\"side_to_mid_db\":null,\"balance_db\":null,\"mono_loss_lu\":null,\"wide_bass\":false,\"bands\":\\[\\{\"name\":\"low\",\"side_to_mid_db\":null\\}"
  ${stereo} --json mono.wav)
spectrum_cli_test(stereo_json
  "\"stereo\":\\{\"mono\":false,\"correlation\":[0-9.]+,\"negative_correlation_pct\":[0-9.]+,\"side_to_mid_db\":-?[0-9.]+,\"balance_db\":-?[0-9.]+,\"mono_loss_lu\":-?[0-9.]+,\"wide_bass\":(true|false),\"bands\":\\[\\{\"name\":\"low\",\"side_to_mid_db\":-?[0-9.]+\\},\\{\"name\":\"mid\",.*\\{\"name\":\"high\","
  ${stereo} --json white.wav)
spectrum_cli_expect(stereo_antiphase 0 "anti.wav +-1.00 +100.0 "
  "^mixgrade-stereo: anti.wav: warning: mono fold-down cancels"
  ${stereo} anti.wav)
spectrum_cli_test(analyze_all_four "\"loudness\":.*\"dynamics\":.*\"spectrum\":.*\"stereo\":"
  ${MIXGRADE_BIN_DIR}/mixgrade-analyze --json pink.wav)

spectrum_cli_test(target_build "^$" ${target} build pink.wav white.wav -o built.toml --licence CC0-1.0)
set_tests_properties(cli.spectrum.target_build PROPERTIES FIXTURES_SETUP spectrum_built_target)
spectrum_cli_test(target_check "built.toml: ok, built, 30 bands" ${target} check built.toml)
set_tests_properties(cli.spectrum.target_check PROPERTIES FIXTURES_REQUIRED
                     "spectrum_audio;spectrum_built_target")
spectrum_cli_test(target_stdout "name = \"pinkish\".*center_hz = 20000" ${target} build pink.wav -o - --name pinkish)
# --out as in every tool; -o and the first name, --output, still work.
spectrum_cli_test(target_stdout_out "name = \"pinkish\".*center_hz = 20000"
  ${target} build pink.wav --out - --name pinkish)
spectrum_cli_test(target_stdout_output "name = \"pinkish\".*center_hz = 20000"
  ${target} build pink.wav --output - --name pinkish)
spectrum_cli_expect(target_missing_reference 3 "^$" "^mixgrade-target: nope.wav: "
  ${target} build pink.wav nope.wav -o never.toml)
spectrum_cli_expect(target_check_bad 2 "^$" "bad_center.toml:3:17: center_hz 1001"
  ${target} check ${MIXGRADE_TEST_DATA}/targets/bad_center.toml)
spectrum_cli_test(target_shipped "ok, wesnoth-orchestral, 29 bands" ${target} check ${shipped_target})
