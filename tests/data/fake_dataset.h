#pragma once
// A tiny ESC-50-shaped dataset on disk: meta/esc50.csv plus short generated clips.
#include <fstream>
#include <string>
#include <vector>

#include "audio/audio_files.h"

namespace esc50::test {

struct FakeClip {
  std::string filename;  // csv name (.wav)
  int fold;
  int target;
  std::string category;
  std::string stored_as;  // extension written to disk, or "" for a missing file
};

inline void make_fake_dataset(const std::filesystem::path& root, const std::vector<FakeClip>& clips) {
  std::filesystem::create_directories(root / "meta");
  std::filesystem::create_directories(root / "audio");
  std::ofstream csv(root / "meta" / "esc50.csv");
  csv << "filename,fold,target,category,esc10,src_file,take\n";
  for (const auto& c : clips) {
    auto stem = std::filesystem::path(c.filename).stem().string();
    csv << c.filename << ',' << c.fold << ',' << c.target << ',' << c.category << ",False,"
        << stem.substr(0, stem.find('-', 2)) << ",A\n";
    if (c.stored_as.empty()) continue;
    int format = c.stored_as == ".flac" ? SF_FORMAT_FLAC | SF_FORMAT_PCM_16 : SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    write_audio(root / "audio" / (stem + c.stored_as), format, 22050, 1,
                sine_wave(200.0 * (c.target + 1), 22050, 22050));
  }
}

}  // namespace esc50::test
