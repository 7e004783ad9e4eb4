// Runs one synthetic training in its own process, for tests that need a process to die
// (resume after kill -9) or several processes (data-parallel equality).
// Usage: synthetic_worker OUT_DIR MODEL EPOCHS KILL_AFTER_STEPS WORLD_SIZE RANK MASTER EMA_DECAY [RESUME]
#include <cstdio>
#include <string>

#include "common/error.h"
#include "synthetic_data.h"
#include "train/trainer.h"

int main(int argc, char** argv) {
  if (argc < 9) {
    std::fprintf(stderr, "usage: %s OUT MODEL EPOCHS KILL_AFTER WORLD RANK MASTER EMA_DECAY [resume]\n", argv[0]);
    return 2;
  }
  try {
    auto config = esc50::test::synthetic_config(std::stoi(argv[3]));
    config.model = argv[2];
    if (config.model != "esc50net") {
      // Sample-independent gradients: no mixup pairs, masks or crops that differ by shard.
      config.model_settings = nlohmann::json::object();
      config.train.mixup_alpha = 0;
    }
    config.distributed = {std::stoi(argv[5]), std::stoi(argv[6]), argv[7]};
    config.train.ema_decay = std::stod(argv[8]);
    esc50::train::RunOptions options{argv[1], argc > 9, true, std::stoll(argv[4])};
    esc50::train::train_run(esc50::test::synthetic_dataset(), config, options);
  } catch (const esc50::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
