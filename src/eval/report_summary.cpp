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

std::string points(double share) { return fmt::format("{:+.2f}", 100 * share); }

std::string paired_row(const json& run, const json& baseline, const json& d) {
  if (d.is_null()) return fmt::format("| {} − {} | – | – | – | – | no predictions |\n", text(run["name"]), text(baseline["name"]));
  if (d["folds"].empty()) return fmt::format("| {} − {} | 0 | – | – | – | {} |\n", text(run["name"]), text(baseline["name"]), text(d["verdict"]));
  std::string per_fold;
  for (size_t i = 0; i < d["folds"].size(); ++i)
    per_fold += fmt::format("{}{}: {}", i ? " / " : "", d["folds"][i].get<int>(), points(d["differences"][i].get<double>()));
  const double mean = d["mean"].get<double>();
  const std::string interval = d["half_width"].is_null()
      ? "–" : fmt::format("{} … {}", points(mean - d["half_width"].get<double>()), points(mean + d["half_width"].get<double>()));
  return fmt::format("| {} − {} | {} | {} | {} ± {:.2f} | {} | {} |\n", text(run["name"]), text(baseline["name"]),
                     d["folds"].size(), per_fold, points(mean), 100 * d["std"].get<double>(), interval, text(d["verdict"]));
}

std::string paired_table(const json& data) {
  const json& rows = data["paired_differences"];
  if (!rows.is_array()) return "";
  std::string out =
      "\n| accuracy difference | folds in common | per fold (points) | mean ± std (points) "
      "| 95 % interval (corrected paired t over folds) | verdict |\n|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < rows.size(); ++i) out += paired_row(data["runs"][i + 1], data["runs"][0], rows[i]);
  return out;
}

std::string group_table(const json& data) {
  const json& groups = data["class_groups"];
  if (!groups.is_array() || groups.empty()) return "";
  std::string out = "\n| class group (recall, pooled over folds) | classes |";
  for (const auto& run : data["runs"]) out += fmt::format(" {} |", text(run["name"]));
  out += "\n|---|---|";
  for (size_t i = 0; i < data["runs"].size(); ++i) out += "---|";
  out += "\n";
  for (const auto& group : groups) {
    std::string classes;
    for (const auto& c : group["classes"]) {
      if (!classes.empty()) classes += ", ";
      classes += c.get<std::string>();
    }
    out += fmt::format("| {} | {} |", text(group["name"]), classes);
    for (const auto& r : group["runs"])
      out += r.is_null() ? std::string(" – |")
                         : fmt::format(" {}/{} ({}) |", r["correct"].get<int>(), r["support"].get<int>(), percent(r["recall"]));
    out += "\n";
  }
  return out;
}

}  // namespace

std::string comparison_markdown(const json& data) {
  std::string out =
      "| run | augmentation | model | protocol | seed | epochs | accuracy (mean ± sample std over folds) "
      "| per fold | pooled accuracy | top-5 | macro F1 | training time (sum over folds) |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& run : data["runs"]) out += row(run);
  return out + paired_table(data) + group_table(data);
}

}  // namespace esc50::eval
