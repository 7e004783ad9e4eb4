#include <gtest/gtest.h>
#include <torch/torch.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "common/atomic_file.h"
#include "common/error.h"
#include "network/network_file.h"
#include "synthetic_data.h"
#include "test_support.h"
#include "train/data_parallel.h"
#include "train/trainer.h"

namespace esc50::train {
namespace {

nlohmann::json read_json(const std::filesystem::path& file) {
  return nlohmann::json::parse(read_file(file));
}

// Runs the synthetic worker in a child process; returns its wait status.
int run_worker(const std::vector<std::string>& args, pid_t* started = nullptr) {
  std::vector<char*> argv{const_cast<char*>(SYNTHETIC_WORKER)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    execv(SYNTHETIC_WORKER, argv.data());
    _exit(127);
  }
  if (started) {
    *started = pid;
    return 0;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(Trainer, LearnsTonesNoiseBurstsAndChirps) {
  test::TempDir dir;
  const auto final = train_run(test::synthetic_dataset(), test::synthetic_config(10), {dir.path(), false, true}).to_json();
  EXPECT_GE(final["test_acc"].get<double>(), 0.95) << final.dump();
  for (const char* name : {"config.json", "environment.json", "metrics.jsonl", "final.json", "predictions.json",
                           "checkpoint-last.pt", "model.esc50"})
    EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  const auto predictions = read_json(dir / "predictions.json");
  EXPECT_EQ(predictions["clips"].size(), 24u);  // fold 1: 8 clips per class
  EXPECT_EQ(predictions["clips"][0]["probs"].size(), 3u);
  const auto metrics = read_file(dir / "metrics.jsonl");
  EXPECT_EQ(std::count(metrics.begin(), metrics.end(), '\n'), 10);
  const auto first = nlohmann::json::parse(metrics.substr(0, metrics.find('\n')));
  for (const char* key : {"epoch", "train_loss", "train_acc", "lr", "seconds"})
    EXPECT_TRUE(first.contains(key)) << key;
  // Without a validation split nothing is evaluated between epochs: the test fold is seen once.
  for (const char* key : {"val_loss", "val_acc", "per_class_recall"}) EXPECT_FALSE(first.contains(key)) << key;
  // The shipped model file reproduces the run's held-out accuracy.
  auto model = network::load_network(dir / "model.esc50");
  EXPECT_EQ(model.info.class_names, test::synthetic_dataset(1).class_names);
}

TEST(Trainer, ValidationSplitComesFromTheTrainingFoldsAndSteersTheBestCheckpoint) {
  test::TempDir dir;
  auto config = test::synthetic_config(3);
  config.train.val_fraction = 0.25;
  const auto final = train_run(test::synthetic_dataset(), config, {dir.path(), false, true}).to_json();
  // 120 clips: 24 in the test fold, 96 in the training folds, a quarter of those validate.
  EXPECT_EQ(final["test_clips"], 24);
  EXPECT_EQ(final["val_clips"].get<int>() + final["train_clips"].get<int>(), 96);
  EXPECT_NEAR(final["val_clips"].get<double>(), 24, 3);
  EXPECT_TRUE(final.contains("best_epoch"));
  EXPECT_TRUE(std::filesystem::exists(dir / "checkpoint-best.pt"));
  const auto metrics = read_file(dir / "metrics.jsonl");
  const auto first = nlohmann::json::parse(metrics.substr(0, metrics.find('\n')));
  for (const char* key : {"val_loss", "val_acc", "per_class_recall"}) EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(read_json(dir / "predictions.json")["clips"].size(), 24u);  // the test fold, once
}

TEST(Trainer, ATinyValidationFractionTakesAFewClipsNotHalfOrBillionsOfParts) {
  const auto data = test::synthetic_dataset();
  const auto pool = data.indices(1, false);
  for (const double fraction : {1e-12, 1e-9}) {
    const auto [train, validation] = data.carve_validation(pool, fraction, 0);
    EXPECT_EQ(train.size() + validation.size(), pool.size());
    EXPECT_LE(validation.size(), 2u) << fraction;
  }
}

TEST(Trainer, SteeringWithoutAValidationSplitIsRefused) {
  test::TempDir dir;
  auto config = test::synthetic_config(2);
  config.train.early_stop_patience = 3;
  EXPECT_THROW(train_run(test::synthetic_dataset(), config, {dir.path(), false, true}), Error);
}

// Kills a synthetic run with SIGKILL inside epoch 3 (the checkpoint of epoch 2 is on disk),
// resumes it, and compares it with an uninterrupted run.
void expect_resume_after_kill_matches_straight_run(const std::string& ema_decay) {
  test::TempDir dir;
  const auto config = test::synthetic_config(4);
  const int steps_per_epoch = 96 / config.train.batch_size;
  const auto worker_args = [&](const char* name, int64_t kill_after) {
    return std::vector<std::string>{(dir / name).string(), "esc50net", "4", std::to_string(kill_after), "1", "0",
                                    "127.0.0.1:1", ema_decay};
  };
  const int status = run_worker(worker_args("resumed", 2 * steps_per_epoch + 2));
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  ASSERT_FALSE(std::filesystem::exists(dir / "resumed" / "final.json"));
  const auto lines = read_file(dir / "resumed" / "metrics.jsonl");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
  auto resume_args = worker_args("resumed", -1);
  resume_args.push_back("resume");
  ASSERT_EQ(WEXITSTATUS(run_worker(resume_args)), 0);
  ASSERT_EQ(WEXITSTATUS(run_worker(worker_args("straight", -1))), 0);
  const auto resumed = read_json(dir / "resumed" / "final.json");
  const auto straight = read_json(dir / "straight" / "final.json");
  EXPECT_EQ(resumed["test_acc"], straight["test_acc"]);
  EXPECT_EQ(resumed["test_loss"], straight["test_loss"]);
  EXPECT_EQ(read_json(dir / "resumed" / "predictions.json"), read_json(dir / "straight" / "predictions.json"));
}

TEST(Trainer, ResumeAfterKillMidEpochEndsWithTheSameResult) { expect_resume_after_kill_matches_straight_run("0"); }

// The weight average is part of the checkpoint: without it the resumed average would restart.
TEST(Trainer, ResumeWithAWeightAverageEndsWithTheSameResult) {
  expect_resume_after_kill_matches_straight_run("0.9");
}

// A run taught by one model and resumed after another took its place would learn from both.
TEST(Trainer, ResumingWithAnotherTeacherIsRefused) {
  test::TempDir dir;
  const auto data = test::synthetic_dataset(10);
  auto config = test::synthetic_config(1);
  config.fold = 0;
  for (const uint64_t seed : {1, 2}) {
    config.seed = seed;
    train_run(data, config, {dir / ("teacher-" + std::to_string(seed)), false, true});
  }
  const auto teacher = dir / "teacher.esc50";
  std::filesystem::copy_file(dir / "teacher-1" / "model.esc50", teacher);
  config.teacher = teacher.string();
  train_run(data, config, {dir / "student", false, true});
  EXPECT_NO_THROW(train_run(data, config, {dir / "student", true, true})) << "the same teacher";
  std::filesystem::copy_file(dir / "teacher-2" / "model.esc50", teacher, std::filesystem::copy_options::overwrite_existing);
  try {
    train_run(data, config, {dir / "student", true, true});
    ADD_FAILURE() << "resumed with another teacher";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("was trained with another teacher model"), std::string::npos) << e.what();
  }
}

TEST(Trainer, CheckpointRoundTripRestoresWeightsAndOptimiser) {
  test::TempDir dir;
  auto config = test::synthetic_config(2);
  train_run(test::synthetic_dataset(), config, {dir.path(), false, true});
  // Resuming a finished run trains nothing and reproduces its results from the checkpoint.
  const auto before = read_json(dir / "final.json");
  const auto again = train_run(test::synthetic_dataset(), config, {dir.path(), true, true}).to_json();
  EXPECT_EQ(again["test_loss"], before["test_loss"]);
  EXPECT_EQ(again["steps"], before["steps"]);
}

// LibTorch's reader can crash on a damaged archive, so a damaged or truncated checkpoint must
// be refused by its checksum, naming the file, before LibTorch parses it.
TEST(Trainer, DamagedOrTruncatedCheckpointIsRefusedByName) {
  test::TempDir dir;
  const auto config = test::synthetic_config(1);
  train_run(test::synthetic_dataset(), config, {dir.path(), false, true});
  const auto file = dir / "checkpoint-last.pt";
  const auto intact = read_file(file);
  const auto expect_refused = [&](const std::string& bytes, const std::string& problem) {
    write_file_atomic(file, bytes);
    try {
      train_run(test::synthetic_dataset(), config, {dir.path(), true, true});
      ADD_FAILURE() << "accepted: " << problem;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
  };
  auto damaged = intact;
  damaged[damaged.size() / 2] ^= 0x5a;
  expect_refused(damaged, "checksum does not match");
  expect_refused(intact.substr(0, intact.size() - 100), "no checkpoint checksum");
}

TEST(DataParallel, TwoGlooProcessesMatchOneProcess) {
  if (!DataParallel::available()) GTEST_SKIP() << "this build has no Gloo";
  test::TempDir dir;
  const std::string master = "127.0.0.1:" + std::to_string(free_port());
  pid_t rank1 = 0;
  run_worker({(dir / "rank1").string(), "tinycnn", "2", "-1", "2", "1", master, "0"}, &rank1);
  const int status0 = run_worker({(dir / "parallel").string(), "tinycnn", "2", "-1", "2", "0", master, "0"});
  int status1 = 0;
  waitpid(rank1, &status1, 0);
  ASSERT_EQ(WEXITSTATUS(status0), 0);
  ASSERT_EQ(WEXITSTATUS(status1), 0);
  EXPECT_FALSE(std::filesystem::exists(dir / "rank1" / "model.esc50"));  // rank 0 writes the run
  ASSERT_EQ(WEXITSTATUS(run_worker({(dir / "single").string(), "tinycnn", "2", "-1", "1", "0", master, "0"})), 0);
  auto parallel = network::load_network(dir / "parallel" / "model.esc50").network->parameters();
  auto single = network::load_network(dir / "single" / "model.esc50").network->parameters();
  ASSERT_EQ(parallel.size(), single.size());
  for (size_t i = 0; i < single.size(); ++i) {
    const double scale = single[i].abs().max().item<double>();
    EXPECT_LE((parallel[i] - single[i]).abs().max().item<double>(), 1e-5 * scale) << "parameter " << i;
  }
}

}  // namespace
}  // namespace esc50::train
