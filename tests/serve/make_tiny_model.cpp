// Writes the tiny test model for the script-driven tests (browser, load): make_tiny_model FILE
#include <cstdio>
#include <exception>

#include "tiny_model.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_tiny_model FILE\n");
    return 2;
  }
  try {
    esc50::test::write_tiny_model(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_tiny_model: %s\n", e.what());
    return 1;
  }
  return 0;
}
