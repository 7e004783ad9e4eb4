#include <gtest/gtest.h>

#include <sstream>

#include "model/cpu_features.h"

namespace esc50::model {
namespace {

CpuIdentity cpu(const std::string& vendor, int family, const std::string& flags) {
  std::istringstream text("processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + std::to_string(family) +
                          "\nmodel\t\t: 2\nmodel name\t: some CPU\nflags\t\t: fpu " + flags +
                          " sse2\n\nprocessor\t: 1\nvendor_id\t: Other\n");
  return parse_cpuinfo(text);
}

TEST(CpuFeatures, ParsesTheFirstProcessorsVendorFamilyAndFlags) {
  const auto c = cpu("AuthenticAMD", 26, "avx2 avx512f avx512_bf16");
  EXPECT_EQ(c.vendor, "AuthenticAMD");
  EXPECT_EQ(c.family, 26);
  EXPECT_TRUE(c.has("avx512_bf16"));
  EXPECT_TRUE(c.has("sse2"));
  EXPECT_FALSE(c.has("avx512"));  // whole words only
}

// Inference: where bf16 was measured faster than fp32 (AMX; Zen 5) auto picks it; where it was
// slower (Intel AVX-512 BF16 alone) or never measured (Zen 4) it does not. Training: AMX only,
// until bf16 training on Zen 5 is measured as accurate as fp32.
TEST(CpuFeatures, Bf16IsPreferredWhereMeasuredFasterAndAsAccurate) {
  const auto amx = cpu("GenuineIntel", 6, "avx512f avx512_bf16 amx_bf16 amx_tile");
  const auto zen5 = cpu("AuthenticAMD", 26, "avx512f avx512_bf16");
  const auto xeon = cpu("GenuineIntel", 6, "avx512f avx512_bf16");
  EXPECT_TRUE(prefers_bf16_inference(amx));
  EXPECT_TRUE(prefers_bf16_inference(zen5));
  EXPECT_FALSE(prefers_bf16_inference(xeon));
  EXPECT_FALSE(prefers_bf16_inference(cpu("AuthenticAMD", 25, "avx512f avx512_bf16")));
  EXPECT_FALSE(prefers_bf16_inference(cpu("AuthenticAMD", 26, "avx2")));
  EXPECT_TRUE(prefers_bf16_training(amx));
  EXPECT_FALSE(prefers_bf16_training(zen5));
  EXPECT_FALSE(prefers_bf16_training(xeon));
  EXPECT_TRUE(has_native_bf16(xeon));
  EXPECT_FALSE(has_native_bf16(cpu("AuthenticAMD", 23, "avx2")));
}

TEST(CpuFeatures, ThisCpusChoicesNeedNativeBf16) {
  if (cpu_prefers_bf16_inference() || cpu_prefers_bf16_training()) {
    EXPECT_TRUE(cpu_has_native_bf16());
  }
  const std::string inference = cpu_prefers_bf16_inference() ? "bf16 inference" : "fp32 inference";
  EXPECT_NE(cpu_description().find("auto precision: " + inference), std::string::npos) << cpu_description();
}

}  // namespace
}  // namespace esc50::model
