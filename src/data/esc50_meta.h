#pragma once
// The ESC-50 metadata and clip files on disk.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace esc50::data {

struct Clip {
  std::string filename;  // as in meta/esc50.csv, e.g. "1-100032-A-0.wav"
  int fold = 0;          // official fold 1..5
  int target = 0;        // class index 0..49
  std::string category;  // class name, e.g. "dog"
  bool esc10 = false;
  std::string src_file;  // Freesound source id: clips sharing it must stay in one fold
  std::string take;
  std::filesystem::path path;  // resolved file on disk; empty when missing
  std::string stem() const;    // filename without extension
};

struct Esc50Dataset {
  std::filesystem::path root;
  std::vector<Clip> clips;               // only clips present on disk
  std::vector<std::string> class_names;  // by target
  size_t missing = 0;                    // csv rows with no file on disk
};

// ESC-50's five major groups, in the dataset paper's order.
const std::vector<std::string>& category_groups();
// Group index 0..4 of a class target (ESC-50 orders targets by group, 10 per group).
int category_group_of(int target);

// The dataset location from $ESC50_DIR; nullopt when unset or empty.
std::optional<std::filesystem::path> esc50_dir_from_env();

// A clip named in the csv may be stored as .wav, .ogg or .flac: try the csv name, then the
// same stem with the other extensions.
std::optional<std::filesystem::path> resolve_clip(const std::filesystem::path& audio_dir,
                                                  const std::string& csv_filename);

// Reads <root>/meta/esc50.csv and resolves every clip under <root>/audio. Throws Error when
// the csv is missing or malformed (naming the file and line).
Esc50Dataset load_esc50(const std::filesystem::path& root);

}  // namespace esc50::data
