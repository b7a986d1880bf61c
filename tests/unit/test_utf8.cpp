// Names that are not UTF-8 (a Latin-1 file name from a Windows zip) must not break JSON, XML or
// TOML outputs.
#define BOOST_TEST_MODULE utf8
#include <boost/test/unit_test.hpp>

#include "core/json.hpp"
#include "core/utf8.hpp"
#include "report/junit.hpp"

using mixgrade::valid_utf8;

BOOST_AUTO_TEST_CASE(valid_text_is_unchanged) {
  for (const std::string s : {"", "mix.wav", "caf\xC3\xA9.wav", "\xE6\xB7\xB7\xE9\x9F\xB3.flac",
                              "\xF0\x9F\x8E\xB5 final.wav"})
    BOOST_TEST(valid_utf8(s) == s);
}

BOOST_AUTO_TEST_CASE(invalid_bytes_become_replacement_characters) {
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_TEST(valid_utf8("caf\xE9.wav") == "caf" + fffd + ".wav");           // Latin-1
  BOOST_TEST(valid_utf8("\xC0\xAF") == fffd + fffd);                        // overlong '/'
  BOOST_TEST(valid_utf8("\xED\xA0\x80") == fffd + fffd + fffd);             // surrogate
  BOOST_TEST(valid_utf8("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // > U+10FFFF
  BOOST_TEST(valid_utf8("ab\xE2\x82") == "ab" + fffd + fffd);               // cut short
}

BOOST_AUTO_TEST_CASE(xml_escape_gives_well_formed_text) {
  BOOST_TEST(mixgrade::xml_escape("a<b & \"c\" caf\xE9\x01\xEF\xBF\xBF") ==
             "a&lt;b &amp; &quot;c&quot; caf\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(json_output_repairs_a_latin_1_file_name) {
  const auto line = mixgrade::error_json("caf\xE9.wav", "no such file");
  BOOST_CHECK_THROW((void)line.dump(), nlohmann::json::type_error);  // what would have happened
  BOOST_TEST(mixgrade::dump_json(line) ==
             "{\"file\":\"caf\xEF\xBF\xBD.wav\",\"error\":\"no such file\"}");
}

BOOST_AUTO_TEST_CASE(utf8_keys_escape_invalid_bytes_and_the_percent_sign) {
  BOOST_TEST(mixgrade::utf8_key("caf\xC3\xA9") == "caf\xC3\xA9");
  BOOST_TEST(mixgrade::utf8_key("caf\xE9") == "caf%E9");
  BOOST_TEST(mixgrade::utf8_key("caf%E9") == "caf%25E9");
  BOOST_TEST(mixgrade::utf8_key("\xFF\xFE") == "%FF%FE");
}
