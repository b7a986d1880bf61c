#define BOOST_TEST_MODULE batch
#include <boost/test/unit_test.hpp>

#include <sndfile.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>

#include "batch/cache.hpp"
#include "batch/runner.hpp"
#include "batch/shard.hpp"
#include "core/error.hpp"
#include "core/sha256.hpp"
#include "signals.hpp"

namespace fs = std::filesystem;
using namespace mixgrade;
using mixgrade::test::TempDir;

BOOST_AUTO_TEST_SUITE(sha256)

// The examples of FIPS 180-4 (NIST's "SHA256.pdf" example values) and the million-a vector.
BOOST_AUTO_TEST_CASE(known_vectors) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256_hex(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Padding crosses a block boundary at 56 bytes: lengths around it, fed in odd pieces, give the
// same digest as one update.
BOOST_AUTO_TEST_CASE(pieces_equal_whole) {
  for (std::size_t length : {55u, 56u, 63u, 64u, 65u, 119u, 1000u}) {
    std::string text(length, '\0');
    for (std::size_t i = 0; i < length; ++i) text[i] = static_cast<char>(i * 7 + 3);
    for (std::size_t piece : {1u, 7u, 64u}) {
      Sha256 h;
      for (std::size_t i = 0; i < length; i += piece)
        h.update(std::string_view(text).substr(i, piece));
      BOOST_TEST(h.hex_digest() == sha256_hex(text), "length " << length << " piece " << piece);
    }
  }
}

BOOST_AUTO_TEST_CASE(file_equals_bytes) {
  TempDir dir;
  std::ofstream(dir.path() / "f.bin", std::ios::binary) << "abc";
  BOOST_TEST(sha256_file(dir.path() / "f.bin") == sha256_hex("abc"));
  BOOST_CHECK_THROW(sha256_file(dir.path() / "missing.bin"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(shard)

BOOST_AUTO_TEST_CASE(parse) {
  const Shard s = parse_shard("3/8");
  BOOST_TEST(s.index == 3u);
  BOOST_TEST(s.count == 8u);
  for (const char* bad : {"", "3", "0/2", "3/2", "1/0", "a/2", "1/2x", "-1/2", "/2"})
    BOOST_CHECK_THROW(parse_shard(bad), UsageError);
}

std::vector<Submission> students(int n) {
  std::vector<Submission> out;
  for (int i = 0; i < n; ++i)
    out.push_back({std::to_string(10000 + i), "", "", false, {}, Layout::kFlat, {}});
  return out;
}

// Every student in exactly one shard; a new student moves nobody else.
BOOST_AUTO_TEST_CASE(slices_partition_the_class_and_are_stable) {
  const auto all = students(200);
  std::multiset<std::string> seen;
  std::vector<std::size_t> sizes;
  for (std::size_t k = 1; k <= 4; ++k) {
    const auto part = select_shard(all, {k, 4});
    sizes.push_back(part.size());
    for (const auto& s : part) {
      seen.insert(s.student_key);
      BOOST_TEST(shard_of(s.student_key, 4) == k);
    }
  }
  BOOST_TEST(seen.size() == all.size());
  for (const auto& s : all) BOOST_TEST(seen.count(s.student_key) == 1u);
  // A hash spreads 200 students roughly evenly: no shard is empty or holds half.
  for (auto n : sizes) BOOST_TEST((n > 20 && n < 100), "shard of " << n);
  const auto more = students(201);
  BOOST_TEST(select_shard(more, {2, 4}).size() >= select_shard(all, {2, 4}).size());
  for (const auto& s : select_shard(all, {2, 4})) BOOST_TEST(shard_of(s.student_key, 4) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(runner)

// Three good files, one unreadable, one student without a file: results sit in their slots
// whatever the number of workers; the bad file has its error and does not stop the others.
struct Class {
  TempDir dir;
  std::vector<Submission> submissions;
  Class() {
    for (int i = 0; i < 3; ++i) {
      const fs::path p = dir.path() / ("s" + std::to_string(i) + ".wav");
      test::write_file(p, test::sine(1000, -20.0 - 3 * i, 0.5), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
      submissions.push_back({"s" + std::to_string(i), "", "", false, p, Layout::kFlat, {}});
    }
    std::ofstream(dir.path() / "bad.wav", std::ios::binary) << "not audio";
    submissions.insert(submissions.begin() + 1,
                       {"bad", "", "", false, dir.path() / "bad.wav", Layout::kFlat, {}});
    submissions.push_back({"none", "", "", false, {}, Layout::kFlat, {}});
  }
};

BOOST_AUTO_TEST_CASE(slots_do_not_depend_on_jobs) {
  Class c;
  const auto one = analyse_submissions(c.submissions, {1, {}, nullptr, {}});
  const auto four = analyse_submissions(c.submissions, {4, {}, nullptr, {}});
  BOOST_REQUIRE(one.size() == c.submissions.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    BOOST_TEST(one[i].error == four[i].error);
    BOOST_TEST(one[i].content_hash == four[i].content_hash);
    BOOST_TEST(one[i].analysis.has_value() == four[i].analysis.has_value());
    if (one[i].analysis) BOOST_TEST(one[i].analysis->dump() == four[i].analysis->dump());
  }
  BOOST_TEST(!one[1].analysis.has_value());
  BOOST_TEST(!one[1].error.empty());
  BOOST_TEST(one[1].content_hash == sha256_hex("not audio"));
  // Each slot holds its own file: levels fall 3 dB per file (-20, -23, -26 dBFS peaks).
  const double p0 = (*one[0].analysis)["loudness"]["sample_peak_dbfs"].get<double>();
  const double p2 = (*one[3].analysis)["loudness"]["sample_peak_dbfs"].get<double>();
  BOOST_TEST(p0 - p2 == 6.0, boost::test_tools::tolerance(0.05));
  BOOST_TEST(!one.back().analysis.has_value());
  BOOST_TEST(one.back().error.empty());
}

BOOST_AUTO_TEST_CASE(progress_reaches_total_once_per_file) {
  Class c;
  std::vector<std::size_t> seen;
  analyse_submissions(c.submissions, {3, {}, nullptr, [&](std::size_t done, std::size_t total) {
                                        BOOST_TEST(total == c.submissions.size());
                                        seen.push_back(done);
                                      }});
  BOOST_TEST(seen.size() == c.submissions.size());
  for (std::size_t i = 0; i < seen.size(); ++i) BOOST_TEST(seen[i] == i + 1);
}

// The second run takes every good file from the cache (same analysis, the current file name),
// tries the bad one again, and a damaged entry is a miss, not an error.
// A warm re-run knows an unchanged file by its size, times and inode, without reading it; any
// change to the file (even one that keeps its size and puts its modification time back) is seen.
BOOST_AUTO_TEST_CASE(unchanged_files_are_known_without_hashing) {
  Class c;
  const AnalysisCache cache(c.dir.path() / "out" / ".cache", AnalysisOptions{});
  const fs::path file = c.submissions[0].path;
  BOOST_TEST(!cache.known_hash(file).has_value());
  cache.remember_hash(file, sha256_file(file));
  // Just written: within the racy window, so not recorded (a write in the same clock tick would
  // go unseen).
  BOOST_TEST(!cache.known_hash(file).has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  const auto first = analyse_submissions(c.submissions, {2, {}, &cache, {}});
  BOOST_TEST_REQUIRE(cache.known_hash(file).has_value());
  BOOST_TEST(*cache.known_hash(file) == first[0].content_hash);
  BOOST_TEST(*cache.known_hash(file) == sha256_file(file));
  // Same size, same modification time, other bytes: the change time still moves.
  const auto mtime = fs::last_write_time(file);
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() - 1] ^= 1;
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  fs::last_write_time(file, mtime);
  BOOST_TEST(!cache.known_hash(file).has_value());
  // A damaged record is a miss, never an error.
  for (const auto& entry : fs::directory_iterator(cache.dir() / "files"))
    std::ofstream(entry.path(), std::ios::binary) << "{\"sha256\": 5}";
  BOOST_TEST(!cache.known_hash(c.submissions[2].path).has_value());
}

BOOST_AUTO_TEST_CASE(cache_hits_on_the_second_run) {
  Class c;
  const AnalysisCache cache(c.dir.path() / "out" / ".cache", AnalysisOptions{});
  const auto first = analyse_submissions(c.submissions, {2, {}, &cache, {}});
  const auto second = analyse_submissions(c.submissions, {2, {}, &cache, {}});
  for (std::size_t i = 0; i < first.size(); ++i) {
    BOOST_TEST(!first[i].from_cache);
    BOOST_TEST(second[i].from_cache == first[i].analysis.has_value());
    if (first[i].analysis) BOOST_TEST(first[i].analysis->dump() == second[i].analysis->dump());
  }
  for (const auto& entry : fs::directory_iterator(cache.dir()))
    if (entry.is_regular_file()) std::ofstream(entry.path(), std::ios::binary) << "{not json";
  const auto third = analyse_submissions(c.submissions, {2, {}, &cache, {}});
  for (std::size_t i = 0; i < third.size(); ++i) {
    BOOST_TEST(!third[i].from_cache);
    BOOST_TEST(third[i].analysis.has_value() == first[i].analysis.has_value());
  }
  // A tampered entry is a miss: "{}" (which would grade everyone 0) and an edited value whose
  // checksum no longer matches are analysed again, never trusted.
  const auto fourth = analyse_submissions(c.submissions, {2, {}, &cache, {}});  // refill
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(cache.dir())) {
    if (!entry.is_regular_file()) continue;  // files/: the hashes of unchanged files
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const auto at = text.find("\"integrated_lufs\":");
    if (entries++ % 2 == 0 || at == std::string::npos)
      text = "{}";
    else
      text.insert(at + 19, "1");  // after the sign: -14.2 LUFS becomes -114.2, still valid JSON
    std::ofstream(entry.path(), std::ios::binary) << text;
  }
  BOOST_TEST(entries > 1u);
  const auto fifth = analyse_submissions(c.submissions, {2, {}, &cache, {}});
  for (std::size_t i = 0; i < fifth.size(); ++i) {
    BOOST_TEST(!fifth[i].from_cache);
    BOOST_TEST(fifth[i].analysis.has_value() == first[i].analysis.has_value());
  }
  // Other analysis options are another cache: nothing is shared with them.
  AnalysisOptions dual;
  dual.mono_mode = MonoMode::dual_mono;
  const AnalysisCache other(cache.dir(), dual);
  BOOST_TEST(!other.load(first[0].content_hash).has_value());
  BOOST_TEST(cache.load(first[0].content_hash).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
