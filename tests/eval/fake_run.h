#pragma once
// Tiny fake training runs (docs/run-directory.md) with known contents, for tests
// of evaluate and report without a training.
#include <filesystem>
#include <string>
#include <vector>

namespace esc50::test {

std::vector<std::string> fake_class_names(int n_classes);

struct FakeRunSpec {
  std::string policy = "none";  // augment.policy in config.json
  double accuracy = 0.75;       // share of held-out clips predicted right
  int n_classes = 50;
  int clips_per_class = 2;
  int epochs = 6;
};

// A run directory: config.json, metrics.jsonl, final.json, predictions.json. Clip i of class
// c is predicted as class (c + 1) % n whenever it falls outside the `accuracy` share.
void write_fake_run(const std::filesystem::path& dir, int fold, const FakeRunSpec& spec);
// A cross-validation directory: fold-1 … fold-<folds> and summary.json.
void write_fake_cv(const std::filesystem::path& dir, int folds, const FakeRunSpec& spec);

}  // namespace esc50::test
