#include "data/esc50_meta.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "common/atomic_file.h"
#include "common/csv.h"
#include "common/error.h"

namespace esc50::data {
namespace {

constexpr int kClassesPerGroup = 10;

int parse_int(const std::string& text, const std::filesystem::path& csv, int line) {
  try {
    size_t used = 0;
    int v = std::stoi(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  fail_file(csv, "line " + std::to_string(line) + ": '" + text + "' is not an integer");
}

Clip parse_clip(const std::vector<std::string>& f, const std::filesystem::path& csv, int line) {
  if (f.size() < 7) fail_file(csv, "line " + std::to_string(line) + ": expected 7 fields");
  Clip clip;
  clip.filename = f[0];
  clip.fold = parse_int(f[1], csv, line);
  clip.target = parse_int(f[2], csv, line);
  clip.category = f[3];
  clip.esc10 = f[4] == "True";
  clip.src_file = f[5];
  clip.take = f[6];
  if (clip.target < 0 || clip.target >= 1000)
    fail_file(csv, "line " + std::to_string(line) + ": target out of range");
  if (clip.fold < 1) fail_file(csv, "line " + std::to_string(line) + ": fold " + f[1] + " is not 1 or more");
  return clip;
}

}  // namespace

std::string Clip::stem() const { return std::filesystem::path(filename).stem().string(); }

const std::vector<std::string>& category_groups() {
  static const std::vector<std::string> groups{"animals", "natural soundscapes & water",
                                               "human non-speech", "interior/domestic",
                                               "exterior/urban"};
  return groups;
}

int category_group_of(int target) { return target / kClassesPerGroup; }

const std::vector<std::string>& esc50_class_names() {
  static const std::vector<std::string> names = {
      "dog", "rooster", "pig", "cow", "frog", "cat", "hen", "insects", "sheep", "crow",
      "rain", "sea_waves", "crackling_fire", "crickets", "chirping_birds", "water_drops", "wind",
      "pouring_water", "toilet_flush", "thunderstorm",
      "crying_baby", "sneezing", "clapping", "breathing", "coughing", "footsteps", "laughing",
      "brushing_teeth", "snoring", "drinking_sipping",
      "door_wood_knock", "mouse_click", "keyboard_typing", "door_wood_creaks", "can_opening",
      "washing_machine", "vacuum_cleaner", "clock_alarm", "clock_tick", "glass_breaking",
      "helicopter", "chainsaw", "siren", "car_horn", "engine", "train", "church_bells", "airplane",
      "fireworks", "hand_saw"};
  return names;
}

std::optional<int> esc50_group_of_name(const std::string& class_name) {
  const auto& names = esc50_class_names();
  const auto it = std::find(names.begin(), names.end(), class_name);
  if (it == names.end()) return std::nullopt;
  return category_group_of(int(it - names.begin()));
}

bool has_esc50_classes(const std::vector<std::string>& class_names) { return class_names == esc50_class_names(); }

std::optional<std::filesystem::path> esc50_dir_from_env() {
  const char* dir = std::getenv("ESC50_DIR");
  if (!dir || !*dir) return std::nullopt;
  return std::filesystem::path(dir);
}

std::optional<std::filesystem::path> resolve_clip(const std::filesystem::path& audio_dir,
                                                  const std::string& csv_filename) {
  auto named = audio_dir / csv_filename;
  if (std::filesystem::is_regular_file(named)) return named;
  for (const char* ext : {".wav", ".ogg", ".flac"}) {
    auto candidate = named;
    candidate.replace_extension(ext);
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

namespace {

// filename stem -> quick-protocol fold, from meta/subset-folds.csv ("filename,subset_fold").
std::unordered_map<std::string, int> read_quick_folds(const std::filesystem::path& file) {
  const auto rows = parse_csv(read_file(file), file.string());
  if (rows.empty() || !starts_with_columns(rows[0], {"filename", "subset_fold"}))
    fail_file(file, "expected header 'filename,subset_fold'");
  std::unordered_map<std::string, int> folds;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row == CsvRow{""}) continue;
    int fold = 0;
    try {
      fold = row.size() < 2 ? 0 : std::stoi(row[1]);
    } catch (const std::exception&) {
    }
    if (fold < 1 || fold > kQuickProtocolFolds)
      fail_file(file, "line " + std::to_string(i + 1) + ": expected 'filename,subset_fold' with subset_fold 1.." +
                          std::to_string(kQuickProtocolFolds));
    folds[std::filesystem::path(row[0]).stem().string()] = fold;
  }
  return folds;
}

}  // namespace

Dataset load_esc50(const std::filesystem::path& root) {
  auto csv = root / "meta" / "esc50.csv";
  if (!std::filesystem::is_regular_file(csv))
    fail_file(csv, "cannot open the ESC-50 metadata (is --data / ESC50_DIR the dataset root?)");
  const auto rows = parse_csv(read_file(csv), csv.string());
  if (rows.empty() || !starts_with_columns(rows[0], {"filename", "fold", "target", "category"}))
    fail_file(csv, "unexpected header: expected one that starts filename,fold,target,category");
  Dataset dataset;
  dataset.source = root;
  dataset.root = root;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i] == CsvRow{""}) continue;
    auto clip = parse_clip(rows[i], csv, int(i + 1));
    if (dataset.class_names.size() <= size_t(clip.target)) dataset.class_names.resize(clip.target + 1);
    dataset.class_names[clip.target] = clip.category;
    auto path = resolve_clip(root / "audio", clip.filename);
    if (!path) {
      ++dataset.missing;
      continue;
    }
    clip.path = *path;
    dataset.clips.push_back(std::move(clip));
  }
  const auto quick = root / "meta" / "subset-folds.csv";
  if (std::filesystem::exists(quick)) {
    const auto folds = read_quick_folds(quick);
    for (auto& clip : dataset.clips)
      if (const auto it = folds.find(clip.stem()); it != folds.end()) clip.quick_fold = it->second;
    dataset.quick_folds = quick;
  }
  return dataset;
}

}  // namespace esc50::data
