#include "train/trainer.h"

#include <csignal>

#include <fmt/format.h>
#include <torch/torch.h>
#include <torch/version.h>

#include "augment/augment_cache.h"
#include "augment/policy.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/run_info.h"
#include "model/catalog.h"
#include "network/device.h"
#include "network/network_file.h"
#include "train/batch_stream.h"
#include "train/checkpoint.h"
#include "train/data_parallel.h"
#include "train/evaluation.h"
#include "train/lr_schedule.h"
#include "train/teacher.h"
#include "train/weight_average.h"

namespace esc50::train {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

torch::Tensor as_tensor(const std::vector<int64_t>& v) {
  return torch::tensor(v, torch::kLong);
}

bool is_output_layer(const std::string& name) { return name.starts_with("classifier."); }

// One parameter group; fine-tuning gets two, the backbone's first, so its rate can differ.
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainSettings& s, network::NetworkImpl& network,
                                                        bool fine_tuning) {
  std::vector<torch::optim::OptimizerParamGroup> groups;
  if (fine_tuning) {
    std::vector<torch::Tensor> backbone, head;
    for (const auto& p : network.named_parameters()) (is_output_layer(p.key()) ? head : backbone).push_back(p.value());
    groups.emplace_back(backbone);
    groups.emplace_back(head);
  } else {
    groups.emplace_back(network.parameters());
  }
  if (s.optimizer == "adam")
    return std::make_unique<torch::optim::Adam>(groups, torch::optim::AdamOptions(s.lr).weight_decay(s.weight_decay));
  return std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(s.lr).weight_decay(s.weight_decay));
}

// `backbone_share` applies to the first of two groups (fine-tuning).
void set_learning_rate(torch::optim::Optimizer& optimizer, double lr, double backbone_share) {
  auto& groups = optimizer.param_groups();
  for (size_t g = 0; g < groups.size(); ++g)
    groups[g].options().set_lr(groups.size() == 2 && g == 0 ? lr * backbone_share : lr);
}

// Fine-tuning: every weight and buffer of the init model's network except its output layer.
void load_backbone(network::NetworkImpl& network, const std::string& init) {
  const auto source = network::load_network(init).network;
  const auto source_parameters = source->named_parameters();
  const auto source_buffers = source->named_buffers();
  torch::NoGradGuard no_grad;
  const auto copy = [&](const std::string& name, torch::Tensor& target, const torch::Tensor* from) {
    if (is_output_layer(name)) return;
    if (!from || !from->sizes().equals(target.sizes()))
      throw Error("--init " + init + ": its network has no weights of the shape of " + name);
    target.copy_(*from);
  };
  for (auto& p : network.named_parameters()) copy(p.key(), p.value(), source_parameters.find(p.key()));
  for (auto& b : network.named_buffers()) copy(b.key(), b.value(), source_buffers.find(b.key()));
}

class Trainer {
 public:
  Trainer(const TrainingData& data, const RunConfig& config, const RunOptions& options);
  runs::FinalMetrics run();

 private:
  // The validation split is carved from the training folds and steers training; the held-out
  // test fold is evaluated once, in finish().
  bool has_validation() const { return !val_indices_.empty(); }
  bool has_test() const { return config_.fold != 0; }
  bool bf16() const { return config_.train.precision == "bf16"; }
  void write_start_files() const;
  void restore();
  nlohmann::json train_epoch(int epoch);
  bool record(int epoch, nlohmann::json metrics);
  runs::FinalMetrics finish();
  BatchRecipe recipe(int epoch) const;
  void update_augmentation(nlohmann::json& metrics, const std::vector<double>& recall);
  // The model that is validated, tested and shipped: the weight average when the run keeps one.
  network::NetworkImpl& model() { return average_ ? average_->network() : *network_; }
  torch::nn::Module* average_module() { return average_ ? &average_->network() : nullptr; }

  const TrainingData& data_;
  RunConfig config_;
  RunOptions options_;
  runs::RunPaths paths_;
  torch::Device device_;
  DataParallel parallel_;
  std::shared_ptr<network::NetworkImpl> network_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  std::unique_ptr<WeightAverage> average_;  // null unless ema_decay > 0
  std::vector<int64_t> train_pool_;
  torch::Tensor targets_, val_features_, val_targets_;
  std::vector<int64_t> val_indices_, test_indices_;
  int64_t steps_per_epoch_ = 0;
  std::unique_ptr<LrSchedule> schedule_;
  augment::AugmentSettings augment_;
  std::unique_ptr<augment::Policy> policy_;  // null without waveform augmentation
  std::vector<torch::Tensor> teacher_views_;  // empty without a teacher (BatchRecipe)
  // Trainer state, saved in every checkpoint.
  nlohmann::json state_ = {{"next_epoch", 1}, {"step", 0}, {"history", nlohmann::json::array()},
                           {"best_epoch", 0}, {"best_value", nullptr}, {"stale_epochs", 0},
                           {"stopped_early", false}, {"seconds", 0.0}};
};

Trainer::Trainer(const TrainingData& data, const RunConfig& config, const RunOptions& options)
    : data_(data), config_(config), options_(options), paths_{options.out},
      device_(network::select_device(config.train.device)), parallel_(config.distributed) {
  train_params().validate(config_.train);
  validate_recipe(config_);
  // Resolved before config.json is written, so the run records the arithmetic it used.
  config_.train.precision = resolved_precision(config_.train);
  network::set_compute_threads(config_.train.threads);
  if (config_.train.batch_size % parallel_.world_size() != 0)
    throw Error(fmt::format("--batch-size {} must be a multiple of --world-size {}",
                            config_.train.batch_size, parallel_.world_size()));
  std::tie(train_pool_, val_indices_) =
      data.carve_validation(data.indices(config_.fold, false), config_.train.val_fraction, config_.seed);
  test_indices_ = has_test() ? data.indices(config_.fold, true) : std::vector<int64_t>{};
  if (has_test() && test_indices_.empty())
    throw Error(fmt::format("fold {} has no clips in protocol '{}' (folds 1..{})", config_.fold, config_.protocol,
                            data.fold_count));
  targets_ = as_tensor(data.targets);
  if (has_validation()) {
    val_features_ = data.features.index_select(0, as_tensor(val_indices_));
    val_targets_ = targets_.index_select(0, as_tensor(val_indices_));
  }
  steps_per_epoch_ = int64_t(train_pool_.size()) / config_.train.batch_size;
  if (steps_per_epoch_ == 0)
    throw Error(fmt::format("{} training clips are fewer than one batch of {}", train_pool_.size(),
                            config_.train.batch_size));

  augment_ = augment::augment_params().from_json(config_.augment);
  if (augment_.policy != "none") {
    if (data.variants.empty()) throw Error("--augment " + augment_.policy + ": no pre-rendered variants loaded");
    policy_ = augment::make_policy(augment_, data.class_names);
  }
  if (!config_.teacher.empty()) {
    const auto teacher = teacher_model_for(config_, data, options_.out);
    teacher_views_ = teacher_probabilities(teacher, data, train_pool_, config_.train.threads);
    state_["teacher_checksum"] = teacher_checksum(teacher);
    if (parallel_.is_root())
      std::fprintf(stderr, "teacher %s: %zu training clips, clean and %zu variants, %.2f of each target\n",
                   teacher.c_str(), train_pool_.size(), teacher_views_.size() - 1, config_.train.distill_weight);
  }
  torch::manual_seed(config_.seed);
  network_ = network::make_network(config_.model, config_.model_settings, int(data.class_names.size()));
  if (!config_.init.empty()) load_backbone(*network_, config_.init);
  network_->to(device_);
  parallel_.broadcast(network_->parameters());
  parallel_.broadcast(network_->buffers());
  optimizer_ = make_optimizer(config_.train, *network_, !config_.init.empty());
  if (config_.train.ema_decay > 0) {
    auto copy = network::make_network(config_.model, config_.model_settings, int(data.class_names.size()));
    copy->to(device_);
    average_ = std::make_unique<WeightAverage>(copy, *network_, config_.train.ema_decay);
  }
  const auto& s = config_.train;
  schedule_ = std::make_unique<LrSchedule>(s.schedule, s.lr, int64_t(s.warmup_epochs * steps_per_epoch_),
                                           s.epochs * steps_per_epoch_);
}

BatchRecipe Trainer::recipe(int epoch) const {
  const auto& s = config_.train;
  BatchRecipe r;
  r.batch_size = s.batch_size;
  r.crop_frames = s.crop_frames;
  r.filter_augment = {s.filter_db, s.filter_bands};
  r.spec_augment = {s.freq_masks, s.freq_mask_width, s.time_masks, s.time_mask_width};
  r.mixup = {s.mixup_alpha, s.mixup_domain == "power", config_.features.top_db};
  r.label_smoothing = s.label_smoothing;
  r.teacher_views = teacher_views_;
  r.distill_weight = s.distill_weight;
  r.n_classes = int(data_.class_names.size());
  r.rank = parallel_.rank();
  r.world_size = parallel_.world_size();
  if (policy_) {
    r.variants = data_.variants;
    r.choose_variant = [this, epoch](int64_t clip) {
      return augment::choose_variant(*policy_, int(data_.targets[size_t(clip)]), augment_,
                                     augment::mix_seed(config_.seed, uint64_t(epoch), uint64_t(clip)));
    };
  }
  return r;
}

void Trainer::write_start_files() const {
  if (!parallel_.is_root()) return;
  std::filesystem::create_directories(options_.out);
  runs::write_config(paths_, config_.to_json());
  auto env = build_environment();
  env["torch"] = TORCH_VERSION;
  env["threads"] = torch::get_num_threads();
  env["device"] = device_.str();
  env["world_size"] = parallel_.world_size();
  runs::write_environment(paths_, env);
}

void Trainer::restore() {
  const auto file = paths_.checkpoint_last();
  if (!options_.resume || !std::filesystem::exists(file)) return;
  const auto teacher = state_.value("teacher_checksum", nlohmann::json());
  state_ = load_checkpoint(file, *network_, *optimizer_, average_module(), device_);
  if (state_.value("teacher_checksum", nlohmann::json()) != teacher)
    fail_file(file, "was trained with another teacher model than " + config_.teacher +
                        " holds now: resuming would mix two teachers");
  if (policy_ && state_.contains("augment_state")) policy_->load_state(state_["augment_state"]);
}

// The adaptive policy follows the per-class validation recall; its state goes into the
// checkpoint so a resumed run augments exactly as the uninterrupted one.
void Trainer::update_augmentation(nlohmann::json& metrics, const std::vector<double>& recall) {
  if (!policy_) return;
  if (policy_->adapts() && !recall.empty()) policy_->update(recall);
  metrics["augment_strengths"] = policy_->strengths();
  state_["augment_state"] = policy_->state();
}

nlohmann::json Trainer::train_epoch(int epoch) {
  network_->train();
  // Dropout draws from the global generator: reseeding per epoch makes epochs resumable.
  torch::manual_seed(derive_seed(config_.seed, uint64_t(epoch), 7));
  BatchStream stream(data_.features, targets_, train_pool_, recipe(epoch),
                     derive_seed(config_.seed, uint64_t(epoch)));
  ProgressBar bar(fmt::format("epoch {}/{}", epoch, config_.train.epochs), size_t(stream.batches()),
                  !options_.quiet && parallel_.is_root());
  double loss_sum = 0, correct = 0, seen = 0, lr = 0;
  auto params = network_->parameters();
  while (auto batch = stream.next()) {
    int64_t step = state_["step"].get<int64_t>();
    if (step == options_.kill_after_steps) std::raise(SIGKILL);
    lr = schedule_->at(step);
    set_learning_rate(*optimizer_, lr, epoch <= config_.train.freeze_epochs ? 0.0 : config_.train.backbone_lr_scale);
    optimizer_->zero_grad();
    torch::Tensor logits;
    {
      network::AutocastScope autocast(device_, bf16());
      logits = network_->forward(batch->inputs.to(device_));
    }
    auto loss = soft_cross_entropy(logits, batch->target_probs.to(device_));
    loss.backward();
    parallel_.average_gradients(params);
    if (config_.train.grad_clip > 0) torch::nn::utils::clip_grad_norm_(params, config_.train.grad_clip);
    optimizer_->step();
    if (average_) average_->update(*network_, step);
    state_["step"] = step + 1;
    const auto n = double(batch->inputs.size(0));
    loss_sum += loss.item<double>() * n;
    correct += logits.argmax(1).cpu().eq(batch->hard_targets).sum().item<double>();
    seen += n;
    bar.advance(1, fmt::format("loss {:.3f} acc {:.1f}%", loss_sum / seen, 100 * correct / seen));
  }
  bar.finish();
  return {{"train_loss", loss_sum / seen}, {"train_acc", correct / seen}, {"lr", lr}};
}

// Appends the epoch, tracks the best epoch; returns true when early stopping triggers.
bool Trainer::record(int epoch, nlohmann::json metrics) {
  auto& s = state_;
  s["history"].push_back(metrics);
  s["next_epoch"] = epoch + 1;
  if (!has_validation()) return false;
  const bool by_loss = config_.train.early_stop_metric == "val_loss";
  const double value = metrics[config_.train.early_stop_metric].get<double>();
  const bool improved = s["best_value"].is_null() ||
                        (by_loss ? value < s["best_value"].get<double>() : value > s["best_value"].get<double>());
  if (improved) {
    s["best_value"] = value;
    s["best_epoch"] = epoch;
    s["stale_epochs"] = 0;
  } else {
    s["stale_epochs"] = s["stale_epochs"].get<int>() + 1;
  }
  const int patience = config_.train.early_stop_patience;
  s["stopped_early"] = patience > 0 && s["stale_epochs"].get<int>() >= patience;
  return improved;
}

runs::FinalMetrics Trainer::run() {
  write_start_files();
  restore();
  const auto& history = state_["history"];
  for (int epoch = state_["next_epoch"].get<int>();
       epoch <= config_.train.epochs && !state_["stopped_early"].get<bool>(); ++epoch) {
    const auto start = Clock::now();
    auto metrics = train_epoch(epoch);
    metrics["epoch"] = epoch;
    if (has_validation()) {
      auto e = evaluate(model(), val_features_, val_targets_, int(data_.class_names.size()),
                        config_.train.eval_batch_size, device_, bf16());
      metrics["val_loss"] = e.loss;
      metrics["val_acc"] = e.accuracy;
      metrics["per_class_recall"] = e.per_class_recall;
      update_augmentation(metrics, e.per_class_recall);
    } else {
      update_augmentation(metrics, {});
    }
    metrics["seconds"] = seconds_since(start);
    state_["seconds"] = state_["seconds"].get<double>() + metrics["seconds"].get<double>();
    const bool improved = record(epoch, metrics);
    if (parallel_.is_root()) {
      std::vector<runs::EpochMetrics> epochs;
      for (const auto& m : history) epochs.push_back(runs::EpochMetrics::from_json(m, "epoch record"));
      runs::write_metrics(paths_, epochs);
      save_checkpoint(paths_.checkpoint_last(), *network_, *optimizer_, average_module(), state_);
      if (improved) save_checkpoint(paths_.checkpoint_best(), *network_, *optimizer_, average_module(), state_);
      const double eta = state_["seconds"].get<double>() / double(history.size()) *
                         double(config_.train.epochs - epoch);
      std::fprintf(stderr, "epoch %d/%d  train loss %.3f acc %.1f%%%s  %.0f s  (ETA %s)\n", epoch,
                   config_.train.epochs, metrics["train_loss"].get<double>(),
                   100 * metrics["train_acc"].get<double>(),
                   has_validation() ? fmt::format("  val loss {:.3f} acc {:.1f}%", metrics["val_loss"].get<double>(),
                                                  100 * metrics["val_acc"].get<double>()).c_str()
                                    : "",
                   metrics["seconds"].get<double>(), format_duration(eta).c_str());
    }
  }
  return finish();
}

runs::FinalMetrics Trainer::finish() {
  const auto& last = state_["history"].back();
  runs::FinalMetrics final{.epochs = last["epoch"].get<int>(),
                           .seconds = state_["seconds"].get<double>(),
                           .steps = state_["step"].get<int64_t>(),
                           .stopped_early = state_["stopped_early"].get<bool>(),
                           .model = config_.model,
                           .protocol = config_.protocol,
                           .fold = config_.fold,
                           .train_clips = int64_t(train_pool_.size()),
                           .val_clips = int64_t(val_indices_.size()),
                           .test_clips = int64_t(test_indices_.size())};
  if (has_validation()) {
    final.val_acc = last["val_acc"].get<double>();
    final.val_loss = last["val_loss"].get<double>();
    final.best_epoch = state_["best_epoch"].get<int>();
    final.best_metric = config_.train.early_stop_metric;
    final.best_value = state_["best_value"].get<double>();
  }
  if (!parallel_.is_root()) return final;
  if (has_test()) {
    // The one look at the held-out fold, with the final model (the last epoch's weights, or
    // their average with --ema-decay): that model is what is reported and shipped, whatever
    // the validation split said about other epochs.
    const auto indices = as_tensor(test_indices_);
    auto e = evaluate(model(), data_.features.index_select(0, indices), targets_.index_select(0, indices),
                      int(data_.class_names.size()), config_.train.eval_batch_size, device_, bf16());
    final.test_acc = e.accuracy;
    final.test_loss = e.loss;
    runs::Predictions predictions{.class_names = data_.class_names, .clips = {}};
    for (size_t i = 0; i < test_indices_.size(); ++i) {
      const auto row = e.probabilities[int64_t(i)].contiguous();
      const auto k = size_t(test_indices_[i]);
      predictions.clips.push_back({data_.stems[k], int(data_.targets[k]), data_.folds[k],
                                   std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel())});
    }
    runs::write_predictions(paths_, predictions);
  }
  model::ModelInfo info;
  info.architecture = config_.model;
  info.architecture_settings = model::find_architecture(config_.model).complete_settings(config_.model_settings);
  info.features = data_.feature_settings;
  info.class_names = data_.class_names;
  info.parameter_count = model().parameter_count();
  info.provenance = {{"config", config_.to_json()}, {"final", final.to_json()}, {"git_commit", source_commit()}};
  model().to(torch::kCPU);
  network::save_network(paths_.model(), info, model());
  runs::write_final(paths_, final);
  return final;
}

}  // namespace

runs::FinalMetrics train_run(const TrainingData& data, const RunConfig& config, const RunOptions& options) {
  return Trainer(data, config, options).run();
}

}  // namespace esc50::train
