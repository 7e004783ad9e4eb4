// Writes two small fake cross-validations (policies none and adaptive) into OUT_DIR, for the
// browser test of the HTML report.
#include <cstdio>

#include "fake_run.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out = argv[1];
  esc50::test::write_fake_cv(out / "none", 2, {.policy = "none", .accuracy = 0.6});
  esc50::test::write_fake_cv(out / "adaptive", 2, {.policy = "adaptive", .accuracy = 0.8});
  return 0;
}
