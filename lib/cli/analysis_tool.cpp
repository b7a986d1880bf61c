#include "cli/analysis_tool.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis/analysis_json.hpp"
#include "analysis/metrics.hpp"
#include "analysis/pipeline.hpp"
#include "analysis/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/shell.hpp"
#include "cli/target_options.hpp"
#include "core/error.hpp"
#include "report/table.hpp"

namespace mixgrade {
namespace {

struct AnalysisToolSpec {
  std::string_view verb;     // mixgrade-<verb>
  std::string_view summary;  // first paragraph of --help
  // The block it measures and shows; "": every registered analyser (mixgrade-analyze, so a new
  // analyser appears there without editing any tool).
  std::string_view block;
};

constexpr AnalysisToolSpec kTools[] = {
    {"analyze",
     "Measure loudness (EBU R 128 / ITU-R BS.1770), dynamics (crest factor, TT DR, clipping, DC "
     "offset, silence), spectral balance (third-octave levels, tilt), stereo width (correlation, "
     "side/mid, mono fold-down) and the delivery format (sample rate, bit depth, codec, length) "
     "of each file in one decode pass. Feed the --json output to mixgrade-score.",
     ""},
    {"loudness",
     "Measure integrated loudness, loudness range (EBU Tech 3342), maximum momentary and "
     "short-term loudness, sample peak and true peak (ITU-R BS.1770-4) of each file.",
     "loudness"},
    {"dynamics",
     "Measure the dynamics of each file: crest factor, peak-to-loudness ratio, the TT dynamic "
     "range value (DR), clipping, DC offset and leading/trailing silence.",
     "dynamics"},
    {"spectrum",
     "Measure the tonal balance of each file from its long-term average spectrum (Welch, Hann "
     "windows, channels summed as power): third-octave band levels 25 Hz-20 kHz and six named "
     "bands relative to the file's in-band energy, spectral tilt, centroid and 85 % roll-off. "
     "With --target or --reference, also how far each band is from the target curve.",
     "spectrum"},
    {"stereo",
     "Measure stereo width and mono compatibility of each file: L/R correlation, share of 400 ms "
     "windows with negative correlation, side-to-mid energy overall and below 150 Hz / 150 Hz-5 "
     "kHz / above 5 kHz (wide bass), L/R balance, and the loudness lost in a mono fold-down. Mono "
     "files report mono: true.",
     "stereo"},
};

BlockSet shown_blocks(const AnalysisToolSpec& spec) {
  return spec.block.empty() ? BlockSet::all() : BlockSet::only({spec.block});
}

// The analysers a pass over `blocks` runs (dynamics runs loudness too: --dual-mono applies).
bool runs(const BlockSet& blocks, std::string_view name) {
  const auto order = finish_order(blocks);
  return std::any_of(order.begin(), order.end(), [&](const auto* d) { return d->name == name; });
}

std::string footer(const std::string& name, const BlockSet& blocks) {
  std::string out = "\nMetrics (--json field, unit, meaning):\n";
  const bool spectrum = blocks.contains("spectrum");
  for (auto block : blocks.names()) out += metric_reference_text(block);
  out +=
      "\nExit codes: 0 every file analysed, 2 usage error, 3 some files could not be analysed\n"
      "(each named on stderr in one line; the others are still analysed and printed).\n";
  if (spectrum)
    out +=
        "An invalid --target file (named as file:line:column) or an unreadable --reference is a\n"
        "usage error: nothing is analysed.\n";
  out += "\nExamples:\n  ";
  out += name + " mix.wav master.flac\n  ";
  out += name + " --json submissions/*.wav | jq '.file'\n";
  if (spectrum)
    out += "  " + name + " --target rubrics/targets/wesnoth-orchestral.toml mix.wav\n  " + name +
           " --reference pro_master.wav mix.wav\n";
  return out;
}

// Progress on a terminal only: scripts and CI logs get clean stderr.
class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled && total > 1) {}
  void show(std::size_t index, const std::string& file) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", index + 1, total_, file.c_str());
    std::fflush(stderr);
  }
  void clear() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  std::size_t total_;
  bool enabled_;
};

}  // namespace

int run_analysis_tool(std::string_view verb, int argc, char** argv) {
  const AnalysisToolSpec& spec =
      *std::find_if(std::begin(kTools), std::end(kTools),
                    [&](const AnalysisToolSpec& t) { return t.verb == verb; });
  const std::string name = "mixgrade-" + std::string(verb);
  const BlockSet blocks = shown_blocks(spec);
  Shell shell({name, std::string(spec.summary), footer(name, blocks)});
  CLI::App& app = shell.app();
  std::vector<std::string> files;
  bool json = false;
  bool dual_mono = false;
  bool series = false;
  bool list_metrics = false;
  AnalysisOptions defaults;
  std::size_t block_frames = defaults.block_frames;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("files", files,
                 "Audio files: WAV, AIFF, FLAC, OGG Vorbis, Opus, MP3 (required unless "
                 "--list-metrics)");
  app.add_flag("--json", json, "One JSON object per file per line (JSON Lines) on stdout");
  if (runs(blocks, "loudness"))
    app.add_flag("--dual-mono", dual_mono,
                 "Treat a mono file as dual mono (both ears: +3 dB) instead of BS.1770's single "
                 "channel; the JSON's loudness.channel_mode says which was used");
  if (blocks.contains("loudness"))
    app.add_flag("--series", series,
                 "With --json: add the 10 Hz short-term loudness series and the \"series\" the "
                 "plots draw (momentary and short-term loudness, correlation)");
  TargetOptions target;
  if (blocks.contains("spectrum")) add_target_options(app, target, false);
  app.add_option("--block-frames", block_frames,
                 "Frames per decode block (results do not depend on it)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 22));
  // --jobs as in every tool that works in parallel; --threads is the name it had first.
  app.add_option("-j,--jobs,--threads", threads,
                 "Threads sharing out the analysers of each file (results do not depend on it; "
                 "default: the number of cores). --threads is an older name for it")
      ->check(CLI::Range(1u, 64u));
  app.add_flag("--list-metrics", list_metrics,
               "Print the metric reference as a Markdown table and exit");
  if (const auto code = shell.parse(argc, argv)) return *code;
  if (list_metrics) {
    std::vector<std::string_view> listed = {"format"};
    listed.insert(listed.end(), blocks.names().begin(), blocks.names().end());
    std::cout << metric_reference_markdown(listed);
    return kExitOk;
  }
  if (files.empty()) {
    spdlog::error("no input files (try --help)");
    return kExitUsage;
  }

  AnalysisOptions options;
  options.blocks = blocks;
  options.mono_mode = dual_mono ? MonoMode::dual_mono : MonoMode::bs1770;
  options.block_frames = block_frames;
  options.threads = threads;
  try {
    options.target = resolve_target(target);
  } catch (const std::exception& e) {  // no file can be compared: a usage error, not per file
    spdlog::error("{}", e.what());
    return kExitUsage;
  }

  spdlog::debug("{} file{}, {} thread{} per file, {} frames per decode block", files.size(),
                files.size() == 1 ? "" : "s", options.threads, options.threads == 1 ? "" : "s",
                options.block_frames);
  if (options.target) spdlog::debug("target curve: {}", options.target->name);

  std::size_t width = 4;
  for (const auto& f : files) width = std::max(width, f.size());
  AnalysisTable table(blocks, width);
  if (!json) std::cout << table.header() << std::flush;

  Progress progress(files.size(), isatty(STDERR_FILENO) != 0);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress.show(i, files[i]);
    try {
      const Analysis a = analyse_file(files[i], options);
      progress.clear();
      if (json) {
        std::cout << dump_json(to_json(a, {.short_term_series = series, .series = series})) << "\n"
                  << std::flush;
      } else {
        std::cout << table.row(a) << std::flush;
        for (const auto& w : a.warnings) spdlog::warn("{}: warning: {}", a.file, w);
      }
    } catch (const InputError& e) {
      progress.clear();
      ++failed;
      spdlog::error("{}", e.what());
      if (json)
        std::cout << dump_json(error_json(files[i], e.reason())) << "\n" << std::flush;
      else
        std::cout << table.error_row(files[i], e.reason()) << std::flush;
    } catch (const std::exception& e) {
      progress.clear();
      ++failed;
      spdlog::error("{}: internal error: {}", files[i], e.what());
      if (json) std::cout << dump_json(error_json(files[i], e.what())) << "\n" << std::flush;
    }
  }
  return failed > 0 ? kExitPartialFailure : kExitOk;
}

}  // namespace mixgrade
