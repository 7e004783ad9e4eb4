#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "audio/audio_files.h"
#include "test_support.h"

namespace esc50::test {
namespace {

const std::vector<std::pair<std::string, double>> kTones = {{"chirp", 2500}, {"hum", 90}, {"knock", 700}};

// A folder per class, six takes each.
void write_tone_folders(const std::filesystem::path& dir) {
  for (const auto& [name, hz] : kTones)
    for (int i = 0; i < 6; ++i) {
      std::filesystem::create_directories(dir / "sounds" / name);
      write_audio(dir / "sounds" / name / ("take" + std::to_string(i) + ".wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16,
                  16000, 1, sine_wave(hz * (1 + 0.02 * i), 16000, 16000));
    }
}

// The same clips as an UrbanSound8K-style manifest with three folds of its own; returns the
// --data and --columns options that read it.
std::string write_tone_manifest(const std::filesystem::path& dir) {
  std::ofstream list(dir / "list.csv");
  list << "slice_file_name,class,fold\n";
  int i = 0;
  for (const auto& [name, hz] : kTones)
    for (int take = 0; take < 6; ++take, ++i)
      list << "sounds/" << name << "/take" << take << ".wav," << name << "," << 1 + i % 3 << "\n";
  return " --data " + (dir / "list.csv").string() + " --columns file=slice_file_name,label=class,fold=fold";
}

nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

void expect_error(const std::string& args, const std::string& message) {
  const auto r = run_cli(args);
  EXPECT_EQ(r.status, 1) << args << "\n" << r.output;
  EXPECT_NE(r.output.find(message), std::string::npos) << args << "\n" << r.output;
}

TEST(TrainCli, BadRequestsFailWithAClearMessage) {
  ESC50_REQUIRE_DATASET();
  TempDir dir;
  const std::string data = " --data " + esc50_dir().string() + " --cache " + (dir / "cache").string();
  expect_error("train --model resnet99" + data, "unknown model 'resnet99' (known: esc50net, resnet34");
  expect_error("train --model-settings '{\"width\": 1000}'" + data, "width = 1000 is outside the valid range");
  expect_error("train --resume " + (dir / "no-run").string(), "no-run/config.json: not found");
  expect_error("cv --folds 2,7 --out " + (dir / "cv").string() + data, "fold 7 is not in 1..5");
  EXPECT_NE(run_cli("train --epochs 0" + data).status, 0);
  EXPECT_NE(run_cli("train --precision fp8" + data).status, 0);
}

// A user's own sounds: a folder per class with names other than ESC-50's, trained, evaluated,
// reported and used by classify, with nothing ESC-50 about it.
TEST(TrainCli, AFolderPerClassDatasetTrainsEvaluatesAndClassifies) {
  TempDir dir;
  write_tone_folders(dir.path());
  const auto run = (dir / "run").string();
  auto r = run_cli("train --quiet --data " + (dir / "sounds").string() + " --cache " + (dir / "cache").string() +
                   " --model tinycnn --epochs 2 --batch-size 4 --out " + run);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("(folders): 3 classes, 18 clips"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("augmentation: none"), std::string::npos) << r.output;
  std::ifstream config(dir / "run" / "config.json");
  const std::string config_text((std::istreambuf_iterator<char>(config)), std::istreambuf_iterator<char>());
  EXPECT_NE(config_text.find("\"protocol\": \"grouped\""), std::string::npos) << config_text;

  r = run_cli("classify --model " + run + "/model.esc50 --top 3 " + (dir / "sounds/hum/take0.wav").string());
  ASSERT_EQ(r.status, 0) << r.output;
  for (const auto& [name, hz] : kTones) EXPECT_NE(r.output.find(name), std::string::npos) << r.output;
  r = run_cli("evaluate --run " + run);
  EXPECT_EQ(r.status, 0) << r.output;
  r = run_cli("report " + run + " --out " + (dir / "report.html").string());
  EXPECT_EQ(r.status, 0) << r.output;
  r = run_cli("train --quiet --data " + (dir / "sounds").string() + " --protocol official --out " +
              (dir / "run2").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("has no folds of its own"), std::string::npos) << r.output;

  // The same clips as an UrbanSound8K-style manifest with three folds of its own: cv runs
  // every one of them.
  const std::string manifest = write_tone_manifest(dir.path());
  r = run_cli("cv --quiet" + manifest + " --cache " + (dir / "cache").string() + " --model tinycnn --epochs 1 --batch-size 4 --out " +
              (dir / "cv").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("official CV over 3 folds"), std::string::npos) << r.output;
  r = run_cli("evaluate --run " + (dir / "cv").string());
  EXPECT_EQ(r.status, 0) << r.output;
  // Classifying the held-out clips again finds them through the manifest and columns the
  // runs were trained with, not through $ESC50_DIR.
  r = run_cli("evaluate --run " + (dir / "cv").string() + " --tta 2");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("mean accuracy over 3 folds"), std::string::npos) << r.output;
  // One fold's robustness figures go to its own directory, the pooled ones to the CV's, and
  // each file names the folds it pools.
  r = run_cli("evaluate --run " + (dir / "cv").string() + " --fold 2 --perturb noise");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "cv" / "robustness.json"));
  EXPECT_EQ(read_json(dir / "cv" / "fold-2" / "robustness.json")["noise"]["folds"], nlohmann::json::array({2})) << r.output;
  r = run_cli("evaluate --run " + (dir / "cv").string() + " --perturb noise");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(read_json(dir / "cv" / "robustness.json")["clean"]["folds"], nlohmann::json::array({1, 2, 3})) << r.output;
  EXPECT_EQ(read_json(dir / "cv" / "fold-2" / "robustness.json")["noise"]["folds"], nlohmann::json::array({2}));
  r = run_cli("cv --quiet" + manifest + " --folds 4 --out " + (dir / "cv").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("fold 4 is not in 1..3"), std::string::npos) << r.output;

  // Fine-tuning on two new classes with the backbone frozen throughout: a new output layer,
  // and the backbone's embeddings unchanged.
  for (const auto& [name, hz] : std::vector<std::pair<std::string, double>>{{"beep", 1500}, {"buzz", 200}})
    for (int i = 0; i < 6; ++i) {
      std::filesystem::create_directories(dir / "new" / name);
      write_audio(dir / "new" / name / ("take" + std::to_string(i) + ".wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000,
                  1, sine_wave(hz * (1 + 0.03 * i), 16000, 16000));
    }
  const auto tuned = (dir / "tuned").string();
  const std::string fine_tune = "train --quiet --data " + (dir / "new").string() + " --cache " +
                                (dir / "cache").string() + " --init " + run + "/model.esc50 --epochs 2 --batch-size 4";
  r = run_cli(fine_tune + " --freeze-epochs 2 --out " + tuned);
  ASSERT_EQ(r.status, 0) << r.output;
  r = run_cli("classify --model " + tuned + "/model.esc50 --top 3 " + (dir / "new/beep/take0.wav").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("buzz"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" 3. "), std::string::npos) << r.output;  // two classes only
  const auto clip = (dir / "new/buzz/take1.wav").string();
  ASSERT_EQ(run_cli("embed --quiet --model " + run + "/model.esc50 --out " + (dir / "a.npy").string() + " " + clip).status, 0);
  ASSERT_EQ(run_cli("embed --quiet --model " + tuned + "/model.esc50 --out " + (dir / "b.npy").string() + " " + clip).status, 0);
  std::ifstream a(dir / "a.npy", std::ios::binary), b(dir / "b.npy", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}), std::string(std::istreambuf_iterator<char>(b), {}));

  r = run_cli(fine_tune + " --model resnet34 --out " + (dir / "x").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("is a tinycnn network; --model resnet34 conflicts"), std::string::npos) << r.output;
  r = run_cli(fine_tune + " --n-mels 32 --out " + (dir / "y").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("feature flags conflict"), std::string::npos) << r.output;
  const auto ensemble = (dir / "ensemble.esc50").string();
  ASSERT_EQ(run_cli("ensemble " + run + "/model.esc50 " + run + "/model.esc50 --out " + ensemble).status, 0);
  r = run_cli("classify --model " + ensemble + " " + clip);
  EXPECT_EQ(r.status, 0) << r.output;
  r = run_cli("train --quiet --data " + (dir / "new").string() + " --init " + ensemble + " --out " + (dir / "z").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("is an ensemble of 2 networks"), std::string::npos) << r.output;
}

// Folds trained at once, each in its own process, end exactly as they do one after another.
TEST(TrainCli, WithoutCacheTheFeaturesGoUnderEsc50CacheWhichTheRunRecords) {
  TempDir dir;
  write_tone_folders(dir.path());
  const auto r = run_command("ESC50_CACHE=" + quoted(dir / "cache") + " " + cli_path().string() +
                             " train --quiet --data " + quoted(dir / "sounds") +
                             " --model tinycnn --epochs 1 --batch-size 4 --out " + quoted(dir / "run"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(std::filesystem::is_empty(dir / "cache"));
  EXPECT_EQ(read_json(dir / "run" / "config.json")["cache"], (dir / "cache").string());
}

TEST(TrainCli, CvJobsTrainsFoldsAtOnceWithTheSameResults) {
  TempDir dir;
  write_tone_folders(dir.path());
  const std::string cv = "cv --quiet" + write_tone_manifest(dir.path()) + " --cache " + (dir / "cache").string() +
                         " --model tinycnn --epochs 2 --batch-size 4";
  auto r = run_cli(cv + " --threads 1 --out " + (dir / "in-sequence").string());
  ASSERT_EQ(r.status, 0) << r.output;
  r = run_cli(cv + " --threads 3 --jobs 3 --out " + (dir / "at-once").string());
  ASSERT_EQ(r.status, 0) << r.output;
  for (int k = 1; k <= 3; ++k) {
    const auto fold = "fold-" + std::to_string(k);
    EXPECT_NE(r.output.find("fold " + std::to_string(k) + " of official on 1 thread(s)"), std::string::npos) << r.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "at-once" / fold / "train.log"));
    const auto a = read_json(dir / "in-sequence" / fold / "final.json");
    const auto b = read_json(dir / "at-once" / fold / "final.json");
    EXPECT_EQ(a["test_acc"], b["test_acc"]) << fold;
    EXPECT_EQ(a["test_loss"], b["test_loss"]) << fold;
  }
  EXPECT_EQ(read_json(dir / "in-sequence" / "summary.json")["mean_acc"],
            read_json(dir / "at-once" / "summary.json")["mean_acc"]);

  // Two at a time: the third fold, left alone, gets both threads.
  r = run_cli(cv + " --threads 2 --jobs 2 --out " + (dir / "two-at-a-time").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("fold 2 of official on 1 thread(s)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("fold 3 of official on 2 thread(s)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("official CV over 3 folds"), std::string::npos) << r.output;
}

// A CV directory is resumed only with the recipe it was started with; threads, jobs and the
// cache's location may change.
// A fold column with a gap: the folds that exist train; asking for the missing one fails at once.
TEST(TrainCli, AFoldWithoutClipsIsRefusedBeforeAnyTraining) {
  TempDir dir;
  write_tone_folders(dir.path());
  std::ofstream list(dir / "gap.csv");
  list << "file,label,fold\n";
  for (const auto& [name, hz] : kTones)
    for (int take = 0; take < 6; ++take) list << "sounds/" << name << "/take" << take << ".wav," << name << "," << (take % 2 ? 1 : 3) << "\n";
  list.close();
  const std::string cv = "cv --quiet --threads 1 --data " + (dir / "gap.csv").string() + " --cache " +
                         (dir / "cache").string() + " --model tinycnn --epochs 1 --batch-size 4 --out " + (dir / "cv").string();
  expect_error(cv, "no clip is in fold 2");
  EXPECT_FALSE(std::filesystem::exists(dir / "cv" / "fold-1")) << "nothing trained";
  const auto r = run_cli(cv + " --folds 1,3");
  EXPECT_EQ(r.status, 0) << r.output;
}

TEST(TrainCli, CvResumedWithAnotherRecipeIsRefused) {
  TempDir dir;
  write_tone_folders(dir.path());
  const std::string all_folds =
      "cv --quiet" + write_tone_manifest(dir.path()) + " --model tinycnn --batch-size 4 --out " + (dir / "cv").string();
  const std::string cv = all_folds + " --folds 1,2";
  auto r = run_cli(cv + " --epochs 2 --threads 1 --cache " + (dir / "cache").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto first = read_json(dir / "cv" / "summary.json");

  r = run_cli(cv + " --epochs 2 --threads 2 --jobs 2 --cache " + (dir / "other-cache").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto summary = read_json(dir / "cv" / "summary.json");
  EXPECT_EQ(summary["folds"], first["folds"]) << "the finished folds are kept";

  const auto cache = " --cache " + (dir / "cache").string();
  expect_error(cv + cache + " --epochs 2 --mixup-domain db", "train/mixup_domain = \"power\", not \"db\"");
  expect_error(cv + cache + " --jobs 2 --epochs 3", "train/epochs = 2, not 3");
  expect_error(all_folds + cache + " --folds 3 --epochs 3", "train/epochs = 2, not 3");
  const std::string precision = read_json(dir / "cv" / "fold-2" / "config.json")["train"]["precision"];
  ASSERT_NE(precision, "auto") << "resolved before the folds train";
  expect_error(all_folds + cache + " --folds 3 --epochs 2 --precision " + (precision == "fp32" ? "bf16" : "fp32"),
               "train/precision = \"" + precision + "\"");
  EXPECT_EQ(read_json(dir / "cv" / "summary.json"), summary) << "a refused command changes nothing";
  EXPECT_EQ(read_json(dir / "cv" / "fold-1" / "config.json")["train"]["epochs"], 2);
}

// A teacher's probabilities become part of the targets; a held-out fold is taught only by a
// model that held out the same clips.
TEST(TrainCli, DistillationTeachesEachFoldWithAModelThatNeverSawIt) {
  TempDir dir;
  write_tone_folders(dir.path());
  const std::string common = write_tone_manifest(dir.path()) + " --quiet --threads 1 --cache " +
                             (dir / "cache").string() + " --model tinycnn --epochs 2 --batch-size 4";
  const auto teacher = dir / "teacher";
  auto r = run_cli("cv" + common + " --folds 1,2 --out " + teacher.string());
  ASSERT_EQ(r.status, 0) << r.output;
  r = run_cli("cv" + common + " --folds 1,2 --teacher " + teacher.string() + " --distill-weight 0.7 --out " +
              (dir / "student").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("teacher " + (teacher / "fold-2" / "model.esc50").string() +
                          ": 12 training clips, clean and 0 variants, 0.70"),
            std::string::npos) << r.output;
  const auto config = read_json(dir / "student" / "fold-1" / "config.json");
  EXPECT_EQ(config["teacher"], teacher.string());
  EXPECT_EQ(config["train"]["distill_weight"], 0.7);
  r = run_cli("cv" + common + " --folds 1,2 --teacher " + teacher.string() + "/ --distill-weight 0.7 --out " +
              (dir / "student").string());
  EXPECT_EQ(r.status, 0) << "the same teacher, spelled with a trailing slash\n" << r.output;
  r = run_cli("cv" + common + " --folds 1 --out " + (dir / "untaught").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(read_json(dir / "student" / "fold-1" / "final.json")["test_loss"],
            read_json(dir / "untaught" / "fold-1" / "final.json")["test_loss"]) << "the teacher changed nothing";

  const auto fold_model = (teacher / "fold-1" / "model.esc50").string();
  r = run_cli("train" + common + " --fold 0 --teacher " + fold_model + " --out " + (dir / "all").string());
  EXPECT_EQ(r.status, 0) << r.output;
  expect_error("train" + common + " --fold 1 --teacher " + fold_model + " --out " + (dir / "x").string(),
               "a model file can only teach a run on every clip");
  expect_error("train" + common + " --fold 0 --teacher " + teacher.string() + " --out " + (dir / "y").string(),
               "is a cross-validation: each of its folds teaches the fold it held out");
  expect_error("train" + common + " --fold 3 --teacher " + teacher.string() + " --out " + (dir / "z").string(),
               "fold-3");
  expect_error("train" + common + " --protocol grouped --fold 1 --teacher " + teacher.string() + " --out " +
                   (dir / "w").string(),
               "it would leak the test fold");
  expect_error("train" + common + " --fold 1 --teacher " + (teacher / "fold-1").string() + " --out " + (dir / "v").string(),
               "is a run directory");
  expect_error("cv" + common + " --folds 1 --teacher " + (dir / "nothing").string() + " --out " + (dir / "u").string(),
               "nothing: not found");
  expect_error("cv" + common + " --folds 1 --teacher " + teacher.string() + " --out " + teacher.string(),
               "is this run's own cross-validation");
  // A fold fine-tuned from a model that trained on every clip has seen the test fold.
  const auto tuned = dir / "tuned";
  r = run_cli("cv" + common + " --folds 1 --init " + (dir / "all" / "model.esc50").string() + " --out " + tuned.string());
  ASSERT_EQ(r.status, 0) << r.output;
  expect_error("train" + common + " --fold 1 --teacher " + tuned.string() + " --out " + (dir / "t").string(),
               "may have seen the test fold's clips");
}

// `cv --seeds` is the same as a CV per seed and `esc50 ensemble` of them, in one command.
TEST(TrainCli, CvSeedsTrainsACvPerSeedAndTheirEnsemble) {
  TempDir dir;
  write_tone_folders(dir.path());
  const std::string cv = "cv --quiet --threads 1" + write_tone_manifest(dir.path()) + " --cache " +
                         (dir / "cache").string() + " --model tinycnn --epochs 2 --batch-size 4 --folds 1,2";
  auto r = run_cli(cv + " --seeds 0,3 --out " + (dir / "seeds").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ensemble of 2 over 2 folds"), std::string::npos) << r.output;
  r = run_cli(cv + " --seed 3 --out " + (dir / "seed-3-alone").string());
  ASSERT_EQ(r.status, 0) << r.output;
  for (const auto* fold : {"fold-1", "fold-2"}) {
    EXPECT_EQ(read_json(dir / "seeds" / "seed-3" / fold / "config.json")["seed"], 3);
    EXPECT_EQ(read_json(dir / "seeds" / "seed-3" / fold / "final.json")["test_acc"],
              read_json(dir / "seed-3-alone" / fold / "final.json")["test_acc"]);
    EXPECT_TRUE(std::filesystem::exists(dir / "seeds" / fold / "model.esc50")) << "the fold's ensemble model";
  }
  r = run_cli("ensemble " + (dir / "seeds" / "seed-0").string() + " " + (dir / "seeds" / "seed-3").string() + " --out " +
              (dir / "joined").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(read_json(dir / "seeds" / "summary.json")["mean_acc"], read_json(dir / "joined" / "summary.json")["mean_acc"]);

  expect_error(cv + " --seeds 1 --out " + (dir / "one").string(), "give two or more seeds");
  expect_error(cv + " --seeds 1,2,1 --out " + (dir / "twice").string(), "seed 1 is given twice");
  EXPECT_NE(run_cli(cv + " --seed 1 --seeds 0,1 --out " + (dir / "both").string()).status, 0);
  expect_error(cv + " --seeds 0,3 --out " + (dir / "seed-3-alone").string(), "holds runs that are not an ensemble");
  expect_error(cv + " --protocol grouped --seeds 0,3 --out " + (dir / "grouped").string(),
               "seeds 0 and 3 would hold out different clips");
}

// `cv --member` trains a CV per recipe, each the command's recipe with the member's settings
// replaced, and makes their ensemble.
TEST(TrainCli, CvMembersTrainsACvPerRecipeAndTheirEnsemble) {
  TempDir dir;
  write_tone_folders(dir.path());
  const std::string cv = "cv --quiet --threads 1" + write_tone_manifest(dir.path()) + " --cache " +
                         (dir / "cache").string() + " --model tinycnn --epochs 2 --batch-size 4 --folds 1,2";
  auto r = run_cli(cv + " --member '{}' --member '{\"mixup_domain\": \"db\", \"gain_db\": 3}' --out " +
                   (dir / "members").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ensemble of 2 over 2 folds"), std::string::npos) << r.output;
  r = run_cli(cv + " --mixup-domain db --out " + (dir / "db-alone").string());
  ASSERT_EQ(r.status, 0) << r.output;
  for (const auto* fold : {"fold-1", "fold-2"}) {
    const auto first = read_json(dir / "members" / "member-1" / fold / "config.json");
    const auto second = read_json(dir / "members" / "member-2" / fold / "config.json");
    EXPECT_EQ(first["train"]["mixup_domain"], "power");
    EXPECT_EQ(second["train"]["mixup_domain"], "db");
    EXPECT_EQ(second["augment"]["gain_db"], 3.0);
    EXPECT_EQ(second["augment"]["policy"], first["augment"]["policy"]) << "the command's recipe, one setting replaced";
    EXPECT_TRUE(std::filesystem::exists(dir / "members" / fold / "model.esc50")) << "the fold's ensemble model";
    const auto ensemble = read_json(dir / "members" / fold / "config.json")["ensemble"];
    EXPECT_FALSE(ensemble[0].contains("differs_from_first"));
    const nlohmann::json mixup = {{"op", "replace"}, {"path", "/train/mixup_domain"}, {"value", "db"}};
    const auto& differs = ensemble[1]["differs_from_first"];
    EXPECT_NE(std::find(differs.begin(), differs.end(), mixup), differs.end()) << differs.dump();
  }
  // Tones outside ESC-50 train without augmentation, so the gain range changes nothing.
  for (const auto* fold : {"fold-1", "fold-2"})
    EXPECT_EQ(read_json(dir / "members" / "member-2" / fold / "final.json")["test_loss"],
              read_json(dir / "db-alone" / fold / "final.json")["test_loss"]);

  const auto out = " --out " + (dir / "bad").string();
  expect_error(cv + " --out " + (dir / "members").string(), "is a fold of an ensemble");
  // A member of another recipe is refused before any member trains.
  std::filesystem::remove(dir / "members" / "member-1" / "fold-2" / "final.json");
  expect_error(cv + " --member '{}' --member '{\"mixup_domain\": \"db\"}' --out " + (dir / "members").string(),
               "augment/gain_db = 3.0, not 6.0");
  EXPECT_FALSE(std::filesystem::exists(dir / "members" / "member-1" / "fold-2" / "final.json"));

  expect_error(cv + " --member '{}'" + out, "give two or more members");
  expect_error(cv + " --member '{}' --member '{\"mixup_domian\": \"db\"}'" + out, "unknown setting 'mixup_domian'");
  expect_error(cv + " --member '{}' --member '{\"lr\": 99}'" + out, "--member 2");
  expect_error(cv + " --member '{}' --member '{\"mixup_domain\": \"power\"}'" + out, "the same recipe as member 1");
  expect_error(cv + " --member '{}' --member 'db'" + out, "not valid JSON");
  expect_error(cv + " --member '{}' --member '{\"n_mels\": 32}'" + out, "share their feature settings");
  const auto adaptive = run_cli(cv + " --member '{}' --member '{\"policy\": \"adaptive\"}'" + out);
  EXPECT_NE(adaptive.output.find("--member 2"), std::string::npos) << adaptive.output;
  EXPECT_NE(adaptive.output.find("validation recall"), std::string::npos) << "before member 1 trains\n" << adaptive.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad" / "member-1")) << adaptive.output;
  EXPECT_NE(run_cli(cv + " --seeds 0,1 --member '{}' --member '{}'" + out).status, 0);
}

}  // namespace
}  // namespace esc50::test
