#pragma once
// A labelled dataset on disk: ESC-50 (meta/esc50.csv and audio/) here; a folder per class or a
// manifest CSV in data/dataset.h, which detects the layout.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace esc50::data {

// ESC-50's quick protocol (meta/subset-folds.csv beside the metadata): 400 of the clips in
// five folds, stratified and grouped by source recording.
inline constexpr int kQuickProtocolFolds = 5;

struct Clip {
  std::string filename;  // unique in the dataset: as in meta/esc50.csv ("1-100032-A-0.wav"),
                         // or the path below the dataset root with '/' written as "__"
  int fold = 0;          // the dataset's own fold (1..), 0 when it has none
  int target = 0;        // class index, into Dataset::class_names
  std::string category;  // class name, e.g. "dog"
  bool esc10 = false;
  std::string src_file;  // group: clips sharing it (ESC-50's Freesound source) stay in one fold
  std::string take;
  int quick_fold = 0;    // fold 1..kQuickProtocolFolds of ESC-50's quick protocol; 0 = not in it
  std::filesystem::path path;  // resolved file on disk; empty when missing
  std::string stem() const;    // filename without extension
};

struct Dataset {
  std::filesystem::path source;          // what --data named: a root directory or a manifest
  std::filesystem::path root;            // the directory paths are relative to
  std::string layout = "esc50";          // "esc50", "folders" or "manifest"
  std::vector<Clip> clips;               // only clips present on disk
  std::vector<std::string> class_names;  // by target
  bool has_folds = true;                 // clips carry the dataset's own folds
  size_t missing = 0;                    // csv rows with no file on disk
  std::filesystem::path quick_folds;     // meta/subset-folds.csv when there is one (Clip::quick_fold)
};

// ESC-50's five major groups, in the dataset paper's order.
const std::vector<std::string>& category_groups();
// Group index 0..4 of a class target (ESC-50 orders targets by group, 10 per group).
int category_group_of(int target);
// ESC-50's 50 class names in target order.
const std::vector<std::string>& esc50_class_names();
// The category group 0..4 of an ESC-50 class name; nullopt for any other name.
std::optional<int> esc50_group_of_name(const std::string& class_name);
// True when `class_names` are ESC-50's, in its target order (the five groups apply).
bool has_esc50_classes(const std::vector<std::string>& class_names);

// The dataset location from $ESC50_DIR; nullopt when unset or empty.
std::optional<std::filesystem::path> esc50_dir_from_env();

// A clip named in the csv may be stored as .wav, .ogg or .flac: try the csv name, then the
// same stem with the other extensions.
std::optional<std::filesystem::path> resolve_clip(const std::filesystem::path& audio_dir,
                                                  const std::string& csv_filename);

// Reads <root>/meta/esc50.csv (and meta/subset-folds.csv when present) and resolves every
// clip under <root>/audio. Throws Error when a csv is malformed (naming the file and line) or
// the metadata is missing.
Dataset load_esc50(const std::filesystem::path& root);

}  // namespace esc50::data
