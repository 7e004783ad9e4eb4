#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <thread>

#include "apps/esc50/commands.h"
#include "apps/esc50/precision_option.h"
#include "common/param_table_cli.h"
#include "data/esc50_meta.h"
#include "esc50/esc50.h"
#include "serve/server.h"

namespace esc50::cli {
namespace {

struct ServeArgs {
  std::string model;
  std::string precision = "auto";
  serve::ServerSettings settings;
};

// Ctrl-C / SIGTERM stop the server cleanly: the signals are blocked in every thread and one
// thread waits for them, so no handler runs in a signal context. They are blocked before the
// model loads, because the engine's OpenMP workers start then and inherit the mask.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

class StopOnSignal {
 public:
  StopOnSignal(serve::Server& server, const sigset_t& signals) : signals_(signals) {
    waiter_ = std::thread([this, &server] {
      int received = 0;
      sigwait(&signals_, &received);
      server.stop();
    });
  }
  ~StopOnSignal() {
    kill(getpid(), SIGTERM);  // releases the waiter when the server stopped on its own
    waiter_.join();
  }

 private:
  sigset_t signals_;
  std::thread waiter_;
};

// The library takes its directories as settings; the program supplies the environment's.
serve::ServerSettings settings_with_environment(serve::ServerSettings settings) {
  if (settings.dataset.empty())
    if (const auto dir = data::esc50_dir_from_env()) settings.dataset = dir->string();
  if (settings.web.empty())
    if (const char* dir = std::getenv("ESC50_WEB_DIR"); dir && *dir) settings.web = dir;
  return settings;
}

void run_serve(const ServeArgs& a) {
  const auto stop_signals = block_stop_signals();
  const auto model_file = a.model.empty() ? SoundClassifier::default_model_path() : std::filesystem::path(a.model);
  const SoundClassifier classifier(model_file, {.threads = 1, .precision = a.precision});
  serve::Server server(classifier, settings_with_environment(a.settings));
  const int port = server.bind();
  StopOnSignal stop_on_signal(server, stop_signals);
  const auto shown_host = a.settings.host == "0.0.0.0" ? std::string("localhost") : a.settings.host;
  fmt::print("esc50 serve: model {} ({} classes, {})\nOpen http://{}:{}/ (Ctrl-C stops)\n",
             model_file.string(), classifier.classes().size(), classifier.model().precision, shown_host, port);
  std::fflush(stdout);
  server.run();
}

}  // namespace

void register_serve(CLI::App& root) {
  static ServeArgs args;
  auto* cmd = root.add_subcommand("serve", "Web demo and JSON API: classify uploads, browse results");
  cmd->add_option("--model", args.model,
                  "model file (default: $ESC50_MODEL, else models/default.esc50 shipped with esc50)");
  add_precision_option(*cmd, args.precision);
  add_param_options(*cmd, serve::server_params(), args.settings);
  cmd->callback([] { run_serve(args); });
}

}  // namespace esc50::cli
