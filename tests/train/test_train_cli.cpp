#include <gtest/gtest.h>

#include <fstream>

#include "audio/audio_files.h"
#include "test_support.h"

namespace esc50::test {
namespace {

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
  const std::vector<std::pair<std::string, double>> classes = {{"chirp", 2500}, {"hum", 90}, {"knock", 700}};
  for (const auto& [name, hz] : classes)
    for (int i = 0; i < 6; ++i) {
      std::filesystem::create_directories(dir / "sounds" / name);
      write_audio(dir / "sounds" / name / ("take" + std::to_string(i) + ".wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16,
                  16000, 1, sine_wave(hz * (1 + 0.02 * i), 16000, 16000));
    }
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
  for (const auto& [name, hz] : classes) EXPECT_NE(r.output.find(name), std::string::npos) << r.output;
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
  {
    std::ofstream list(dir / "list.csv");
    list << "slice_file_name,class,fold\n";
    int i = 0;
    for (const auto& [name, hz] : classes)
      for (int take = 0; take < 6; ++take, ++i)
        list << "sounds/" << name << "/take" << take << ".wav," << name << "," << 1 + i % 3 << "\n";
  }
  r = run_cli("cv --quiet --data " + (dir / "list.csv").string() + " --columns file=slice_file_name,label=class,fold=fold" +
              " --cache " + (dir / "cache").string() + " --model tinycnn --epochs 1 --batch-size 4 --out " +
              (dir / "cv").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("official CV over 3 folds"), std::string::npos) << r.output;
  r = run_cli("evaluate --run " + (dir / "cv").string());
  EXPECT_EQ(r.status, 0) << r.output;
  r = run_cli("cv --quiet --data " + (dir / "list.csv").string() + " --columns file=slice_file_name,label=class,fold=fold" +
              " --folds 4 --out " + (dir / "cv").string());
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
}

}  // namespace
}  // namespace esc50::test
