#pragma once
// Training results for the Results page: the run and cross-validation directories found under
// a root (format in docs/run-directory.md: config.json, metrics.jsonl, final.json, predictions.json;
// summary.json + fold-K/ for cross-validation).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// Rows = true class, columns = predicted class (argmax), from a predictions.json object.
std::vector<std::vector<int>> confusion_from_predictions(const nlohmann::json& predictions,
                                                         size_t n_classes);

}  // namespace esc50::serve
