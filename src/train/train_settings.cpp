#include "train/train_settings.h"

#include "model/cpu_features.h"

namespace esc50::train {

const ParamTable<TrainSettings>& train_params() {
  using S = TrainSettings;
  static const ParamTable<TrainSettings> table{
      "Training",
      {
          {"epochs", "passes over the training folds", &S::epochs, 1, 10000},
          {"batch_size", "clips per optimiser step (global, over all processes)", &S::batch_size, 1, 4096},
          {"optimizer", "Adam, or AdamW (decoupled weight decay)", &S::optimizer, 0, 0, {"adam", "adamw"}},
          {"lr", "peak learning rate", &S::lr, 1e-7, 10},
          {"weight_decay", "weight decay (L2 for adam, decoupled for adamw)", &S::weight_decay, 0, 1},
          {"schedule", "learning-rate schedule after the linear warm-up", &S::schedule, 0, 0,
           {"cosine", "onecycle", "constant"}},
          {"warmup_epochs", "epochs of warm-up to the peak learning rate", &S::warmup_epochs, 0, 1000},
          {"label_smoothing", "cross-entropy label smoothing", &S::label_smoothing, 0, 0.5},
          {"mixup_alpha", "mixup Beta(alpha, alpha) parameter; 0 disables mixup", &S::mixup_alpha, 0, 10},
          {"mixup_domain", "db: mix the log-mel values; power: mix the clips as sounds (mel powers in the "
           "amplitude ratio lambda : 1 - lambda, as between-class learning mixes waveforms)",
           &S::mixup_domain, 0, 0, {"db", "power"}},
          {"filter_db", "FilterAugment: each training clip through a random filter whose gain at each band "
           "edge is drawn from +-this many dB, linear between edges (0 = off)", &S::filter_db, 0, 40},
          {"filter_bands", "FilterAugment: most bands per filter (each clip draws 2 to this many)",
           &S::filter_bands, 2, 32},
          {"freq_masks", "SpecAugment frequency masks per training clip", &S::freq_masks, 0, 10},
          {"freq_mask_width", "largest frequency mask, in mel bands", &S::freq_mask_width, 0, 512},
          {"time_masks", "SpecAugment time masks per training clip", &S::time_masks, 0, 10},
          {"time_mask_width", "largest time mask, in frames", &S::time_mask_width, 0, 10000},
          {"crop_frames", "train on random crops of this many frames (0 = whole clip); "
                          "validation always sees whole clips", &S::crop_frames, 0, 100000},
          {"grad_clip", "clip the gradient norm to this value (0 = off)", &S::grad_clip, 0, 1e6},
          {"ema_decay", "keep an exponential moving average of the weights with this decay per step; "
           "the average is what is validated, tested and shipped (0 = off; e.g. 0.999)",
           &S::ema_decay, 0, 0.99999},
          {"val_fraction", "share of the training folds held out (stratified, grouped by source recording) "
           "as the validation split that steers training: adaptive augmentation, early stopping, "
           "best checkpoint; 0 = none. The test fold never steers training",
           &S::val_fraction, 0, 0.5},
          {"early_stop_patience", "stop after this many epochs without improvement (0 = off)",
           &S::early_stop_patience, 0, 10000},
          {"early_stop_metric", "what early stopping and the best checkpoint watch on the validation split",
           &S::early_stop_metric, 0, 0, {"val_loss", "val_acc"}},
          {"precision", "fp32, bf16 autocast (1.7-2x faster with AMX or on AMD Zen 5, 0.8x on Intel with AVX-512 BF16 "
           "alone, about 28x slower on CPUs with neither), or auto: bf16 on CUDA and on CPUs with AMX, else fp32",
           &S::precision, 0, 0, {"auto", "fp32", "bf16"}},
          {"threads", "compute threads (0 = all cores)", &S::threads, 0, 256},
          {"device", "cpu, cuda or cuda:N", &S::device},
          {"eval_batch_size", "clips per validation forward pass", &S::eval_batch_size, 1, 4096},
          {"freeze_epochs", "fine-tuning (--init): the first epochs train only the new output layer",
           &S::freeze_epochs, 0, 10000},
          {"backbone_lr_scale", "fine-tuning (--init): the backbone's learning rate as a share of lr "
           "(the new output layer gets all of it)", &S::backbone_lr_scale, 0, 1},
          {"distill_weight", "distillation (--teacher): the teacher's probabilities' share of each training "
           "target; the rest is the (smoothed) label", &S::distill_weight, 0, 1},
      }};
  return table;
}

features::FeatureSettings default_training_features() {
  features::FeatureSettings s;
  s.n_mels = 64;
  return s;
}

augment::AugmentSettings default_training_augmentation() {
  augment::AugmentSettings s;
  s.policy = "balanced";
  // Short events, noise, band limits and rooms beside the four classic transforms: the same
  // clean accuracy within the noise, and 5-26 points more under every perturbation of the
  // robustness benchmark (docs/results.md, session 15).
  s.balanced_transforms = "shift,time_stretch,pitch_shift,gain,event,noise,band_limit,reverb";
  s.cache_variants = 6;
  return s;
}

std::string resolved_precision(const TrainSettings& settings) {
  if (settings.precision != "auto") return settings.precision;
  return settings.device.starts_with("cuda") || model::cpu_prefers_bf16_training() ? "bf16" : "fp32";
}

}  // namespace esc50::train
