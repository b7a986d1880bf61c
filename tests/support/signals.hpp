#pragma once
// Synthesised test signals with answers known on paper, and helpers to analyse them in memory or
// through a real file.
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/pipeline.hpp"

namespace mixgrade::test {

struct Signal {
  int rate = 48000;
  int channels = 2;
  std::vector<float> samples;  // interleaved
  std::size_t frames() const { return samples.size() / static_cast<std::size_t>(channels); }
  Signal& append(const Signal& other);
  AudioFormat format() const;
};

double db_to_amplitude(double db);

// A sine of the given peak level (dBFS) on every channel, identical and in phase.
Signal sine(double freq_hz, double peak_dbfs, double seconds, int rate = 48000, int channels = 2,
            double phase_rad = 0.0);
// A sine with its own level per channel (5.0 / 5.1 cases); a level of nullopt gives silence.
Signal sine_per_channel(double freq_hz, const std::vector<double>& peak_dbfs, double seconds,
                        int rate = 48000);
Signal silence(double seconds, int rate = 48000, int channels = 2);
// Deterministic white noise, uniform, peak amplitude `amplitude`, independent per channel.
Signal white_noise(double amplitude, double seconds, int rate = 48000, int channels = 2,
                   unsigned seed = 1);
// Linear fade over `seconds` at both ends.
void fade(Signal& s, double seconds);

// Analyses the signal in memory, fed in blocks of `block_frames` (0: the whole signal at once).
Analysis analyse_signal(const Signal& s, std::size_t block_frames, AnalysisOptions options = {});

// Writes the signal with libsndfile (format: SF_FORMAT_* major | subtype).
void write_file(const std::filesystem::path& path, const Signal& s, int sf_format);

// A fresh directory removed at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace mixgrade::test
