#include "data/dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "audio/audio.h"
#include "common/atomic_file.h"
#include "common/csv.h"
#include "common/error.h"

namespace esc50::data {
namespace fs = std::filesystem;
namespace {

// The cache and the predictions know a clip by its stem, so it must be unique and flat.
std::string flat_name(const fs::path& relative) {
  std::string name = relative.generic_string();
  for (size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at + 2)) name.replace(at, 1, "__");
  return name;
}

std::vector<fs::path> audio_files_below(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec) && audio::has_audio_extension(it->path())) files.push_back(it->path());
  if (ec) fail_file(dir, "cannot list directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

int positive_int(const std::string& text, const fs::path& csv, size_t line, const std::string& column) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1)
    fail_file(csv, fmt::format("line {}: {} '{}' is not a positive integer", line, column, text));
  return value;
}

std::string with_fold(std::string prefix, const std::string& fold) {
  for (size_t at = prefix.find("{fold}"); at != std::string::npos; at = prefix.find("{fold}", at + fold.size()))
    prefix.replace(at, 6, fold);
  return prefix;
}

// What every layout must give training: two classes at least, and clips with names of their own.
Dataset checked(Dataset dataset) {
  if (dataset.class_names.empty()) fail_file(dataset.source, "no classes: a classifier needs two or more");
  if (dataset.class_names.size() == 1)
    fail_file(dataset.source, "only one class ('" + dataset.class_names.front() + "'): a classifier needs two or more");
  std::map<std::string, const fs::path*> by_stem;
  for (const auto& clip : dataset.clips)
    if (const auto [it, added] = by_stem.emplace(clip.stem(), &clip.path); !added)
      fail_file(dataset.source, fmt::format("{} and {} share the name '{}', by which the feature cache and the "
                                            "predictions know a clip: rename one",
                                            it->second->string(), clip.path.string(), clip.stem()));
  return dataset;
}

}  // namespace

ManifestColumns parse_manifest_columns(std::string_view spec) {
  ManifestColumns columns;
  const std::map<std::string, std::string*> keys = {{"file", &columns.file},   {"label", &columns.label},
                                                    {"fold", &columns.fold},   {"group", &columns.group},
                                                    {"prefix", &columns.file_prefix}};
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const auto pair = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0)
      throw Error(fmt::format("--columns: '{}' is not KEY=NAME (keys: file, label, fold, group, prefix)", pair));
    const auto key = keys.find(std::string(pair.substr(0, equals)));
    if (key == keys.end())
      throw Error(fmt::format("--columns: unknown key '{}' (keys: file, label, fold, group, prefix)",
                              pair.substr(0, equals)));
    *key->second = std::string(pair.substr(equals + 1));
  }
  return columns;
}

Dataset load_class_folders(const fs::path& root) {
  Dataset dataset;
  dataset.source = root;
  dataset.root = root;
  dataset.layout = "folders";
  dataset.has_folds = false;
  std::vector<fs::path> class_dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory(ec)) class_dirs.push_back(entry.path());
    else if (audio::has_audio_extension(entry.path()))
      fail_file(entry.path(), "audio file outside a class folder (a folder per class: DIR/<class>/<files>)");
  }
  if (ec) fail_file(root, "cannot list directory: " + ec.message());
  std::sort(class_dirs.begin(), class_dirs.end());
  if (class_dirs.empty())
    fail_file(root, "not a dataset: no meta/esc50.csv and no class folders (DIR/<class name>/<audio files>)");
  for (const auto& dir : class_dirs) {
    const auto files = audio_files_below(dir);
    if (files.empty()) fail_file(dir, "class folder has no audio files");
    const int target = int(dataset.class_names.size());
    dataset.class_names.push_back(dir.filename().string());
    for (const auto& file : files) {
      const auto relative = fs::relative(file, root);
      Clip clip;
      clip.filename = flat_name(relative);
      clip.target = target;
      clip.category = dataset.class_names.back();
      clip.src_file = relative.generic_string();
      clip.path = file;
      dataset.clips.push_back(std::move(clip));
    }
  }
  return dataset;
}

Dataset load_manifest(const fs::path& csv, const ManifestColumns& columns) {
  const auto rows = parse_csv(read_file(csv), csv.string());
  if (rows.empty()) fail_file(csv, "empty manifest (expected a header with columns file,label[,fold][,group])");
  const auto& header = rows.front();
  const auto column = [&](const std::string& name, bool required) -> std::optional<size_t> {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it != header.end()) return size_t(it - header.begin());
    if (required) fail_file(csv, "no column '" + name + "' in the header (map names with --columns file=...,label=...)");
    return std::nullopt;
  };
  const size_t file_column = *column(columns.file, true);
  const size_t label_column = *column(columns.label, true);
  const auto fold_column = column(columns.fold, false);
  const auto group_column = column(columns.group, false);

  Dataset dataset;
  dataset.source = csv;
  dataset.root = csv.parent_path();
  dataset.layout = "manifest";
  dataset.has_folds = fold_column.has_value();
  std::map<std::string, int> targets;
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i].size() > label_column && !rows[i][label_column].empty()) targets.emplace(rows[i][label_column], 0);
  for (auto& [name, target] : targets) {
    target = int(dataset.class_names.size());
    dataset.class_names.push_back(name);
  }
  std::set<fs::path> seen;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const size_t line = i + 1;
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    if (row.size() != header.size())
      fail_file(csv, fmt::format("line {}: {} fields, the header has {}", line, row.size(), header.size()));
    if (row[file_column].empty() || row[label_column].empty())
      fail_file(csv, fmt::format("line {}: no file or no label", line));
    Clip clip;
    if (fold_column) clip.fold = positive_int(row[*fold_column], csv, line, columns.fold);
    const auto relative = fs::path(with_fold(columns.file_prefix, fold_column ? row[*fold_column] : "")) / row[file_column];
    clip.path = dataset.root / relative;
    std::error_code ec;
    if (!fs::is_regular_file(clip.path, ec))
      fail_file(csv, fmt::format("line {}: {} does not exist", line, clip.path.string()));
    if (!seen.insert(fs::weakly_canonical(clip.path, ec)).second)
      fail_file(csv, fmt::format("line {}: {} is listed twice", line, clip.path.string()));
    clip.filename = flat_name(relative.lexically_normal());
    clip.category = row[label_column];
    clip.target = targets.at(clip.category);
    clip.src_file = group_column && !row[*group_column].empty() ? row[*group_column] : relative.generic_string();
    dataset.clips.push_back(std::move(clip));
  }
  if (dataset.clips.empty()) fail_file(csv, "the manifest lists no clips");
  return dataset;
}

Dataset load_dataset(const fs::path& path, const ManifestColumns& columns) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    fail_file(path, "no such file or directory (a dataset is an ESC-50 root with meta/esc50.csv, a folder "
                    "with a subfolder of audio per class, or a manifest CSV)");
  if (fs::is_regular_file(path, ec)) return checked(load_manifest(path, columns));
  if (fs::exists(path / "meta" / "esc50.csv", ec)) return checked(load_esc50(path));
  return checked(load_class_folders(path));
}

std::string dataset_summary(const Dataset& dataset) {
  std::vector<size_t> count(dataset.class_names.size(), 0);
  for (const auto& clip : dataset.clips) ++count[size_t(clip.target)];
  std::string per_class;
  for (size_t k = 0; k < count.size(); ++k)
    per_class += fmt::format("{}{} {}", k ? ", " : "", dataset.class_names[k], count[k]);
  return fmt::format("{} ({}): {} classes, {} clips{} — {}", dataset.source.string(), dataset.layout,
                     dataset.class_names.size(), dataset.clips.size(),
                     dataset.has_folds ? ", with its own folds" : "", per_class);
}

}  // namespace esc50::data
