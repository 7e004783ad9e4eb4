#include <fmt/format.h>

#include <cmath>

#include "apps/esc50/commands.h"
#include "audio/audio.h"

namespace esc50::cli {
namespace {

std::string dbfs(float level) {
  return level > 0 ? fmt::format("{:.1f} dBFS", 20 * std::log10(level)) : "-inf dBFS";
}

void print_info(const std::string& file) {
  auto info = audio::probe(file);
  fmt::print("{}\n  format:      {}\n  sample rate: {} Hz\n  channels:    {}\n"
             "  duration:    {:.3f} s ({} frames)\n  peak:        {:.4f} ({})\n"
             "  rms:         {:.4f} ({})\n",
             file, info.format, info.sample_rate, info.channels, info.duration_s, info.frames,
             info.peak, dbfs(info.peak), info.rms, dbfs(info.rms));
}

}  // namespace

void register_info(CLI::App& root) {
  auto* cmd = root.add_subcommand("info", "Print format, sample rate, channels, duration, peak and RMS of audio files");
  static std::vector<std::string> files;
  cmd->add_option("CLIP", files, "audio files (WAV, FLAC, Ogg/Vorbis, … anything libsndfile reads)")
      ->required();
  cmd->callback([] {
    for (const auto& f : files) print_info(f);
  });
}

}  // namespace esc50::cli
