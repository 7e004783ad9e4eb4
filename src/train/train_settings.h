#pragma once
// Every training setting, declared once (validation, config.json, CLI flags, docs).
#include <string>

#include "augment/settings.h"
#include "common/param_table.h"
#include "features/logmel.h"

namespace esc50::train {

struct TrainSettings {
  int epochs = 60;
  int batch_size = 32;
  std::string optimizer = "adamw";
  double lr = 2e-3;
  double weight_decay = 1e-2;
  std::string schedule = "onecycle";
  double warmup_epochs = 3;
  double label_smoothing = 0.1;
  double mixup_alpha = 0.4;
  std::string mixup_domain = "power";
  double filter_db = 0;  // 0 = no FilterAugment
  int filter_bands = 6;
  int freq_masks = 2;
  int freq_mask_width = 8;
  int time_masks = 2;
  int time_mask_width = 24;
  int crop_frames = 0;
  double grad_clip = 5;
  double ema_decay = 0;  // 0 = no weight average
  double val_fraction = 0;
  int early_stop_patience = 0;
  std::string early_stop_metric = "val_loss";
  std::string precision = "auto";
  int threads = 2;
  std::string device = "cpu";
  int eval_batch_size = 64;
  int freeze_epochs = 0;          // fine-tuning (--init): epochs the backbone does not learn
  double backbone_lr_scale = 1;   // fine-tuning: the backbone's share of the learning rate
  double distill_weight = 0.5;    // distillation (--teacher): the teacher's share of each target
};

const ParamTable<TrainSettings>& train_params();
// The precision a run trains in: "auto" becomes bf16 on CUDA and where model::cpu_prefers_bf16_training(),
// else fp32.
std::string resolved_precision(const TrainSettings& settings);

// Feature defaults of the training recipe (64 mel bands; see docs/results.md).
features::FeatureSettings default_training_features();

// The default recipe's waveform augmentation (docs/results.md): the `balanced` policy over all
// eight of its transforms on half of the training samples, read from 6 pre-rendered variants
// per clip.
augment::AugmentSettings default_training_augmentation();

}  // namespace esc50::train
