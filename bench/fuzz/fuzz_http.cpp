// libFuzzer target: the server's HTTP handlers, in-process: the server runs once on a loopback
// port with a tiny model (the fuzz_model_file seed) and a Results directory; each input is one
// request through cpp-httplib's client. Input: "METHOD PATH?QUERY\nCONTENT-TYPE\n" then the
// body. Every route, query parameter, multipart upload and audio body goes through the real
// parsing and handlers. A 5xx answer is a finding (bad input must get a 4xx), so is a crash.
#include <httplib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "scratch.h"
#include "serve/server.h"

namespace {

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<esc50::SoundClassifier> model;
  std::unique_ptr<esc50::serve::Server> server;
  std::thread thread;
  int port = 0;

  Fixture() {
    dir = esc50::fuzz::make_scratch_dir("fuzz_http");
    std::filesystem::create_directories(dir / "runs/run-a");
    std::ofstream(dir / "runs/run-a/config.json") << R"({"model": "tinycnn", "fold": 1})";
    std::ofstream(dir / "runs/run-a/final.json") << R"({"epochs": 1, "seconds": 2, "test_acc": 0.5})";
    model = std::make_unique<esc50::SoundClassifier>(ESC50_FUZZ_MODEL);
    esc50::serve::ServerSettings settings;
    settings.port = 0;
    settings.max_upload_mb = 1;
    settings.max_audio_seconds = 20;
    settings.timeout_s = 2;
    settings.runs = (dir / "runs").string();
    settings.dataset = (dir / "no-dataset").string();
    server = std::make_unique<esc50::serve::Server>(*model, settings);
    port = server->bind();
    thread = std::thread([this] { server->run(); });
  }
  ~Fixture() {
    server->stop();
    thread.join();
    std::filesystem::remove_all(dir);
  }
};

std::string_view take_line(std::string_view& input) {
  const auto end = input.find('\n');
  const auto line = input.substr(0, end);
  input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto request_line = take_line(input);
  const auto content_type = std::string(take_line(input));
  const auto space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;
  const auto method = request_line.substr(0, space);
  const std::string path(request_line.substr(space + 1));
  if (path.empty() || path[0] != '/' || path.find_first_of(std::string("\r\n\0 ", 4)) != std::string::npos) return 0;
  httplib::Client client("127.0.0.1", fixture.port);
  client.set_read_timeout(10);
  httplib::Result result = method == "POST" ? client.Post(path, std::string(input), content_type) : client.Get(path);
  if (result && result->status >= 500) {
    std::fprintf(stderr, "HTTP %d for %s %s: %s\n", result->status, std::string(method).c_str(), path.c_str(),
                 result->body.c_str());
    std::abort();
  }
  return 0;
}
