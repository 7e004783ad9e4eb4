#include "apps/esc50/run_app.h"

#include <cstdio>
#include <exception>

#include "common/error.h"

namespace esc50::cli {

int run_app(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const Error& e) {
    std::fprintf(stderr, "esc50: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "esc50: internal error: %s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace esc50::cli
