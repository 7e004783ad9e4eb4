#pragma once
// A synthetic 3-class dataset a model must learn almost perfectly: steady tones, bursts of
// white noise and frequency sweeps (chirps), with random frequencies, timings and levels.
#include <cstdint>

#include "train/run_config.h"
#include "train/training_data.h"

namespace esc50::test {

// 3 classes × `per_class` one-second clips at 8 kHz, 32-band log-mel; folds 1..5 assigned
// round-robin within each class.
train::TrainingData synthetic_dataset(int per_class = 40, uint64_t seed = 1);

// A small, fast recipe for it (esc50net width 8, fp32, one thread).
train::RunConfig synthetic_config(int epochs = 10);

}  // namespace esc50::test
