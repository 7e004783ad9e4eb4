#include "fake_run.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runs/predictions.h"

namespace esc50::test {
namespace {

using runs::Predictions;
using nlohmann::json;

// Deterministic and spread over classes: which clips are predicted wrong.
bool predicted_right(int clip_index, double accuracy) {
  return (clip_index * 37) % 100 < int(accuracy * 100 + 0.5);
}

runs::Predictions fake_predictions(int fold, const FakeRunSpec& spec) {
  runs::Predictions p{fake_class_names(spec.n_classes), {}};
  int index = 0;
  for (int c = 0; c < spec.n_classes; ++c)
    for (int i = 0; i < spec.clips_per_class; ++i, ++index) {
      const int predicted = predicted_right(index, spec.accuracy) ? c : (c + 1) % spec.n_classes;
      std::vector<float> probs(size_t(spec.n_classes), 0.2f / float(spec.n_classes));
      probs[size_t(predicted)] += 0.8f;
      p.clips.push_back({fmt::format("{}-{}-A-{}", fold, 1000 + index, c), c, fold, probs});
    }
  return p;
}

std::string fake_metrics_jsonl(const FakeRunSpec& spec, int fold) {
  std::string lines;
  for (int e = 1; e <= spec.epochs; ++e) {
    const double progress = double(e) / spec.epochs;
    lines += json{{"epoch", e},
                  {"train_loss", 3.9 - 3.0 * progress + 0.01 * fold},
                  {"val_loss", 3.9 - 2.5 * progress},
                  {"train_acc", 0.9 * progress},
                  {"val_acc", spec.accuracy * progress},
                  {"per_class_recall", std::vector<double>(size_t(spec.n_classes), spec.accuracy)},
                  {"lr", 1e-3},
                  {"seconds", 10.0}}
                 .dump() +
             "\n";
  }
  return lines;
}

}  // namespace

std::vector<std::string> fake_class_names(int n_classes) {
  std::vector<std::string> names;
  // Fifty are ESC-50's own, in its order, so the group metrics apply as to a real run.
  if (n_classes == 50)
    return {"dog", "rooster", "pig", "cow", "frog", "cat", "hen", "insects", "sheep", "crow",
            "rain", "sea_waves", "crackling_fire", "crickets", "chirping_birds", "water_drops", "wind",
            "pouring_water", "toilet_flush", "thunderstorm", "crying_baby", "sneezing", "clapping",
            "breathing", "coughing", "footsteps", "laughing", "brushing_teeth", "snoring", "drinking_sipping",
            "door_wood_knock", "mouse_click", "keyboard_typing", "door_wood_creaks", "can_opening",
            "washing_machine", "vacuum_cleaner", "clock_alarm", "clock_tick", "glass_breaking", "helicopter",
            "chainsaw", "siren", "car_horn", "engine", "train", "church_bells", "airplane", "fireworks",
            "hand_saw"};
  for (int c = 0; c < n_classes; ++c) names.push_back(fmt::format("class_{:02}", c));
  return names;
}

void write_fake_run(const std::filesystem::path& dir, int fold, const FakeRunSpec& spec) {
  std::filesystem::create_directories(dir);
  const json config = {{"features", {{"n_mels", 64}}},
                       {"train", {{"epochs", spec.epochs}, {"batch_size", 32}}},
                       {"model", "fake_net"},
                       {"augment", {{"policy", spec.policy}}},
                       {"protocol", "official"},
                       {"fold", fold},
                       {"seed", 1},
                       {"data", "/nowhere"}};
  write_file_atomic(dir / "config.json", config.dump(2));
  write_file_atomic(dir / "metrics.jsonl", fake_metrics_jsonl(spec, fold));
  write_file_atomic(dir / "final.json", json{{"best_epoch", spec.epochs},
                                             {"test_acc", spec.accuracy},
                                             {"test_loss", 1.4},
                                             {"epochs", spec.epochs},
                                             {"seconds", 10.0 * spec.epochs}}
                                            .dump());
  runs::write_predictions(dir / "predictions.json", fake_predictions(fold, spec));
}

void write_fake_cv(const std::filesystem::path& dir, int folds, const FakeRunSpec& spec) {
  json fold_entries = json::array();
  for (int k = 1; k <= folds; ++k) {
    write_fake_run(dir / fmt::format("fold-{}", k), k, spec);
    fold_entries.push_back({{"fold", k}, {"test_acc", spec.accuracy}});
  }
  write_file_atomic(dir / "summary.json", json{{"protocol", "official"},
                                               {"model", "fake_net"},
                                               {"folds", fold_entries},
                                               {"mean_acc", spec.accuracy},
                                               {"std_acc", 0.0},
                                               {"seconds", 10.0 * spec.epochs * folds + 1}}
                                              .dump(2));
}

}  // namespace esc50::test
