// Parity with librosa's conventions, against reference vectors computed by torchaudio.
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "features/logmel.h"
#include "test_support.h"

namespace esc50::features {
namespace {

std::vector<float> read_f32(const std::filesystem::path& file) {
  auto bytes = read_file(file);
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

TEST(LogMelParity, MatchesEveryReferenceCaseWithin0p01dB) {
  ESC50_REQUIRE_FIXTURES();
  auto dir = test::fixtures_dir();
  auto reference = nlohmann::json::parse(read_file(dir / "logmel_reference.json"));
  ASSERT_FALSE(reference["cases"].empty());
  LogMelExtractor extractor(FeatureSettings{});  // the defaults are librosa's
  for (const auto& c : reference["cases"]) {
    SCOPED_TRACE(c["audio"].get<std::string>());
    auto spec = extract_clip(dir / c["audio"].get<std::string>(), extractor);
    auto expected = read_f32(dir / c["logmel"].get<std::string>());
    ASSERT_EQ(spec.n_mels, c["shape"][0].get<int>());
    ASSERT_EQ(spec.n_frames, c["shape"][1].get<int>());
    ASSERT_EQ(spec.values.size(), expected.size());
    double worst = 0;
    for (size_t i = 0; i < expected.size(); ++i) worst = std::max(worst, double(std::abs(spec.values[i] - expected[i])));
    EXPECT_LE(worst, 0.01) << "largest difference in dB";
  }
}

}  // namespace
}  // namespace esc50::features
