#pragma once
// Any labelled dataset, its layout detected from the path given to --data:
// - ESC-50: a directory with meta/esc50.csv and audio/ (esc50_meta.h);
// - a folder per class: DIR/<class name>/**/<audio files>, class names from the folders;
// - a manifest: a CSV file with a file and a label column, optional fold and group columns,
//   paths relative to the CSV; column names can be mapped (UrbanSound8K's metadata works with
//   file=slice_file_name,label=class,fold=fold plus its audio/fold<N>/ directories, see
//   `file_prefix` below).
// Problems are errors naming the file or line: an empty class folder, a row without a file or
// label, a file listed twice, a missing file, a class with too few clips. Nothing is dropped.
#include <filesystem>
#include <string>
#include <string_view>

#include "data/esc50_meta.h"

namespace esc50::data {

struct ManifestColumns {
  std::string file = "file";
  std::string label = "label";
  std::string fold = "fold";    // optional: the dataset's own folds (positive integers)
  std::string group = "group";  // optional: clips that must stay on one side of a split
  // Prefixed to every file path; "{fold}" is replaced by the row's fold (UrbanSound8K keeps
  // its clips in audio/fold<N>/).
  std::string file_prefix;
};

// "file=slice_file_name,label=class,fold=fold,prefix=audio/fold{fold}/"; keys not given keep
// their defaults. Throws Error for an unknown key or a malformed pair.
ManifestColumns parse_manifest_columns(std::string_view spec);

Dataset load_class_folders(const std::filesystem::path& root);
Dataset load_manifest(const std::filesystem::path& csv, const ManifestColumns& columns = {});
// Detects the layout: a CSV file is a manifest; a directory with meta/esc50.csv is ESC-50;
// any other directory is a folder per class.
Dataset load_dataset(const std::filesystem::path& path, const ManifestColumns& columns = {});

// "12 classes, 480 clips (dog 40, rain 40, ...)": printed before training.
std::string dataset_summary(const Dataset& dataset);

}  // namespace esc50::data
