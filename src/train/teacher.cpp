#include "train/teacher.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <torch/torch.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/hash.h"
#include "engine/classifier.h"
#include "runs/run_directory.h"

namespace esc50::train {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kClipsPerCall = 64;

// An init model (fine-tuning) may have trained on any clip, the test fold's included.
void require_no_init(const nlohmann::json& config, const fs::path& run_dir) {
  if (config.is_object() && !config.value("init", std::string()).empty())
    fail_file(run_dir, "was fine-tuned from " + config.value("init", std::string()) +
                           ", which may have seen the test fold's clips: it cannot teach a held-out fold");
}

// Its predictions.json lists the clips the fold's teacher held out; it and, for an ensemble,
// each member must have started from scratch.
void require_held_out(const fs::path& teacher_fold, const TrainingData& data, int fold) {
  const auto run = runs::read_run(teacher_fold);
  if (!run.final_metrics || !run.predictions) fail_file(teacher_fold, "has not finished training: it cannot teach yet");
  require_no_init(run.config, teacher_fold);
  for (const auto& member : run.config.value("ensemble", nlohmann::json::array())) {
    const fs::path member_dir = member.value("run", std::string());
    require_no_init(runs::read_run(member_dir, {.predictions = false}).config, member_dir);
  }
  std::set<std::string> held_out;
  for (const auto& clip : run.predictions->clips) held_out.insert(clip.stem);
  for (const auto i : data.indices(fold, true))
    if (!held_out.contains(data.stems[size_t(i)]))
      fail_file(teacher_fold, fmt::format("trained on clip {}, which fold {} holds out here (another protocol "
                                          "or fold assignment): it would leak the test fold",
                                          data.stems[size_t(i)], fold));
}

features::Spectrogram spectrogram_of(const torch::Tensor& clip) {
  const auto values = clip.contiguous();
  features::Spectrogram s;
  s.n_mels = int(values.size(-2));
  s.n_frames = int(values.size(-1));
  s.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
  return s;
}

torch::Tensor probabilities(const engine::Classifier& teacher, const torch::Tensor& features,
                            const std::vector<int64_t>& pool, int64_t classes) {
  auto out = torch::zeros({features.size(0), classes});
  for (size_t begin = 0; begin < pool.size(); begin += kClipsPerCall) {
    const size_t end = std::min(pool.size(), begin + kClipsPerCall);
    std::vector<features::Spectrogram> windows;
    for (size_t k = begin; k < end; ++k) windows.push_back(spectrogram_of(features[pool[k]]));
    const auto rows = teacher.predict(windows);
    for (size_t k = begin; k < end; ++k)
      out[pool[k]].copy_(torch::tensor(rows[k - begin], torch::kFloat));
  }
  return out;
}

}  // namespace

fs::path teacher_model_for(const RunConfig& config, const TrainingData& data, const fs::path& run_dir) {
  const fs::path teacher = config.teacher;
  std::error_code ec;
  if (!fs::exists(teacher, ec)) fail_file(teacher, "not found (--teacher)");
  if (runs::is_run_dir(teacher))
    fail_file(teacher, "is a run directory: give its model.esc50 to teach a run on every clip, or the "
                       "cross-validation directory it belongs to");
  if (!fs::is_directory(teacher, ec)) {
    if (config.fold != 0)
      fail_file(teacher, fmt::format("a model file can only teach a run on every clip (fold 0); it may have "
                                     "trained on fold {}'s clips. Give the cross-validation directory whose "
                                     "fold-{} held them out",
                                     config.fold, config.fold));
    return teacher;
  }
  if (config.fold == 0)
    fail_file(teacher, "is a cross-validation: each of its folds teaches the fold it held out; a run on every "
                       "clip needs a model file");
  const auto fold_dir = runs::fold_dir(teacher, config.fold);
  if (fs::equivalent(fold_dir, run_dir, ec)) fail_file(teacher, "is this run's own cross-validation: it cannot teach itself");
  require_held_out(fold_dir, data, config.fold);
  const auto model = runs::RunPaths{fold_dir}.model();
  if (!fs::exists(model, ec)) fail_file(model, "not found: the teacher's fold has no model file to teach with");
  return model;
}

uint64_t teacher_checksum(const fs::path& model_file) { return fnv1a(read_file(model_file)); }

std::vector<torch::Tensor> teacher_probabilities(const fs::path& model_file, const TrainingData& data,
                                                 const std::vector<int64_t>& pool, int threads) {
  const auto teacher = engine::Classifier::load(model_file, threads, "fp32");
  const auto& info = teacher.info();
  if (info.class_names != data.class_names)
    fail_file(model_file, "its classes differ from the dataset's (names or order): it cannot teach this run");
  if (features::settings_key(info.features) != features::settings_key(data.feature_settings))
    fail_file(model_file, "its feature settings differ from this run's: it cannot teach it");
  std::vector<torch::Tensor> views{probabilities(teacher, data.features, pool, int64_t(info.class_names.size()))};
  for (const auto& variant : data.variants)
    views.push_back(probabilities(teacher, variant, pool, int64_t(info.class_names.size())));
  return views;
}

}  // namespace esc50::train
