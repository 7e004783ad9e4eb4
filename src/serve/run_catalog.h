#pragma once
// Training results for the Results page: the run and cross-validation directories found under
// a root, read with runs/run_directory.h; a file that cannot be read is listed in the run's
// "problems" rather than hiding the run.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runs/run_directory.h"

namespace esc50::serve {

class RunCatalog {
 public:
  explicit RunCatalog(std::filesystem::path root);

  // One summary object per directory, ids are paths relative to the root ("." = the root):
  // {"id","kind":"run"|"cv","parent","model","protocol","fold","test_acc","mean_acc",...}.
  nlohmann::json list() const;
  // Everything the page plots for one id: config, curves (metrics), final or summary,
  // class names and the confusion matrix of the held-out predictions (pooled over folds for
  // cross-validation). nullopt for an id that is not a run directory under the root.
  std::optional<nlohmann::json> details(const std::string& id) const;

 private:
  struct Entry {
    std::string id;
    std::filesystem::path dir;
    bool cross_validation = false;
  };
  std::vector<Entry> scan() const;
  std::filesystem::path root_;
};

// Rows = true class, columns = predicted class (argmax).
std::vector<std::vector<int>> confusion_from_predictions(const runs::Predictions& predictions);

}  // namespace esc50::serve
