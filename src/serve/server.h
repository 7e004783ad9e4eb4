#pragma once
// The web demo and JSON API (cpp-httplib stays inside the .cpp files): classify uploads,
// augmented versions and spectrograms of them, training results, the dataset, static pages.
#include <memory>
#include <string>

#include "common/param_table.h"
#include "esc50/esc50.h"

namespace esc50::serve {

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;
  double max_upload_mb = 20;      // larger request bodies get 413
  double max_audio_seconds = 120;  // longer decoded audio gets 400
  int threads = 0;                // HTTP worker threads; 0 = 2 per core, at least 4
  int timeout_s = 10;             // read and write timeout for slow clients
  int top = 5;                    // default number of ranked classes
  std::string runs;               // directory of training runs for the Results page
  std::string web;                // built pages; empty = found beside the executable
  std::string dataset;            // ESC-50 root for the Dataset page; empty = no such page
};

const ParamTable<ServerSettings>& server_params();

class Server {
 public:
  // Throws Error for invalid settings or an unusable --runs/--web directory.
  Server(const SoundClassifier& classifier, ServerSettings settings);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and returns the port (useful with port 0 = any free port).
  // Throws Error when the address cannot be bound.
  int bind();
  // Serves until stop() is called (from another thread or a signal handler thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esc50::serve
