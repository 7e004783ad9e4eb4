#include <fmt/format.h>

#include "eval/report.h"

namespace esc50::eval {
namespace {

using nlohmann::json;

std::string percent(const json& value) {
  return value.is_number() ? fmt::format("{:.2f} %", 100 * value.get<double>()) : "–";
}

std::string text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.is_null() ? "–" : value.dump();
}

std::string accuracy_cell(const json& run) {
  if (!run["mean_accuracy"].is_number()) return "–";
  if (!run["cross_validation"].get<bool>() || run["folds"].size() < 2) return percent(run["mean_accuracy"]);
  return fmt::format("{:.2f} ± {:.2f} %", 100 * run["mean_accuracy"].get<double>(),
                     100 * run["std_accuracy"].get<double>());
}

std::string fold_accuracies(const json& run) {
  std::string out;
  for (const auto& fold : run["folds"])
    out += (out.empty() ? "" : " / ") +
           (fold["accuracy"].is_number() ? fmt::format("{:.1f}", 100 * fold["accuracy"].get<double>()) : "–");
  return out;
}

std::string row(const json& run) {
  const json& metrics = run["metrics"];
  const auto metric = [&](const char* key) { return metrics.is_object() ? percent(metrics[key]) : "–"; };
  const json epochs = run["settings"].contains("train") ? run["settings"]["train"].value("epochs", json()) : json();
  const json seconds = run["seconds"];
  return fmt::format("| {} | {} | {} | {} | {} | {} | **{}** | {} | {} | {} | {} | {} |\n", text(run["name"]),
                     text(run["augmentation"]), text(run["model"]), text(run["protocol"]),
                     text(run["settings"].value("seed", json())), text(epochs), accuracy_cell(run),
                     fold_accuracies(run), metric("accuracy"), metric("top_k_accuracy"),
                     metrics.is_object() ? percent(metrics["macro"]["f1"]) : "–",
                     seconds.is_number() ? fmt::format("{:.0f} s", seconds.get<double>()) : "–");
}

}  // namespace

std::string comparison_markdown(const json& data) {
  std::string out =
      "| run | augmentation | model | protocol | seed | epochs | accuracy (mean ± sample std over folds) "
      "| per fold | pooled accuracy | top-5 | macro F1 | training time (sum over folds) |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& run : data["runs"]) out += row(run);
  return out;
}

}  // namespace esc50::eval
