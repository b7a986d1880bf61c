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
#include "core/error.hpp"
#include "report/table.hpp"

namespace mixgrade {
namespace {

// The blocks a tool measures and shows. A spec names the four it was written with; the one naming
// them all is mixgrade-analyze, "every analyser in one decode pass", which therefore shows every
// registered analyser (a new one appears there without editing any tool).
BlockSet shown_blocks(const AnalysisToolSpec& spec) {
  if (spec.loudness && spec.dynamics && spec.spectrum && spec.stereo) return BlockSet::all();
  BlockSet blocks = BlockSet::none();
  if (spec.loudness) blocks.insert("loudness");
  if (spec.dynamics) blocks.insert("dynamics");
  if (spec.spectrum) blocks.insert("spectrum");
  if (spec.stereo) blocks.insert("stereo");
  return blocks;
}

// The analysers a pass over `blocks` runs (dynamics runs loudness too: --dual-mono applies).
bool runs(const BlockSet& blocks, std::string_view name) {
  const auto order = finish_order(blocks);
  return std::any_of(order.begin(), order.end(), [&](const auto* d) { return d->name == name; });
}

std::string footer(const AnalysisToolSpec& spec) {
  std::string out = "\nMetrics (--json field, unit, meaning):\n";
  const BlockSet blocks = shown_blocks(spec);
  for (auto block : blocks.names()) out += metric_reference_text(block);
  out +=
      "\nExit codes: 0 every file analysed, 2 usage error, 3 some files could not be analysed\n"
      "(each named on stderr in one line; the others are still analysed and printed).\n";
  if (spec.spectrum)
    out +=
        "An invalid --target file (named as file:line:column) or an unreadable --reference is a\n"
        "usage error: nothing is analysed.\n";
  out += "\nExamples:\n  ";
  out += std::string(spec.name) + " mix.wav master.flac\n  ";
  out += std::string(spec.name) + " --json submissions/*.wav | jq '.file'\n";
  if (spec.spectrum)
    out += "  " + std::string(spec.name) +
           " --target rubrics/targets/wesnoth-orchestral.toml mix.wav\n  " +
           std::string(spec.name) + " --reference pro_master.wav mix.wav\n";
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

// --target loads a curve; --reference measures a track and makes a one-reference curve from it.
std::optional<TargetCurve> target_option(const std::string& target_path,
                                         const std::string& reference_path) {
  if (!target_path.empty()) return load_target(target_path);
  if (reference_path.empty()) return std::nullopt;
  const Analysis ref = measure_reference(reference_path);
  const std::string name = std::filesystem::path(reference_path).filename().string();
  TargetBuildOptions build;
  build.name = "reference " + name;
  return build_target({*ref.spectrum}, {name}, build);
}

}  // namespace

int run_analysis_tool(const AnalysisToolSpec& spec, int argc, char** argv) {
  Shell shell({std::string(spec.name), std::string(spec.summary), footer(spec)});
  CLI::App& app = shell.app();
  std::vector<std::string> files;
  bool json = false;
  bool dual_mono = false;
  bool series = false;
  bool list_metrics = false;
  AnalysisOptions defaults;
  const BlockSet blocks = shown_blocks(spec);
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
    app.add_flag("--series", series, "With --json: add the 10 Hz short-term loudness series");
  std::string target_path;
  std::string reference_path;
  if (blocks.contains("spectrum")) {
    auto* target = app.add_option("--target", target_path,
                                  "Compare each spectrum with this target curve (TOML, see "
                                  "rubrics/targets/ and mixgrade-target build)");
    app.add_option("--reference", reference_path,
                   "Compare each spectrum with this reference track (its third-octave levels, "
                   "+-1.5 dB)")
        ->excludes(target);
  }
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
    options.target = target_option(target_path, reference_path);
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
        std::cout << dump_json(to_json(a, {.short_term_series = series})) << "\n" << std::flush;
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
