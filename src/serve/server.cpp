#include "serve/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/error.h"
#include "common/parallel.h"
#include "serve/http_routes.h"
#include "inference/resources.h"

namespace esc50::serve {
namespace fs = std::filesystem;

const ParamTable<ServerSettings>& server_params() {
  static const ParamTable<ServerSettings> table{
      "Server",
      {
          {"host", "address to listen on (0.0.0.0 = every interface)", &ServerSettings::host},
          {"port", "TCP port (0 = any free port)", &ServerSettings::port, 0, 65535},
          {"max_upload_mb", "largest accepted request body in MB; larger ones get 413",
           &ServerSettings::max_upload_mb, 0.001, 1024},
          {"max_audio_seconds", "longest accepted upload in seconds of audio",
           &ServerSettings::max_audio_seconds, 1, 3600},
          {"threads", "HTTP worker threads (0 = 2 per core, at least 4)", &ServerSettings::threads,
           0, 256},
          {"timeout_s", "read/write timeout for slow clients, seconds", &ServerSettings::timeout_s,
           1, 600},
          {"top", "classes ranked by /api/classify unless ?top=K", &ServerSettings::top, 1, 1000},
          {"runs", "directory of training runs shown on the Results page", &ServerSettings::runs},
          {"web", "directory of the built pages (default: $ESC50_WEB_DIR, else web/dist beside the program)",
           &ServerSettings::web},
          {"dataset", "ESC-50 root for the Dataset page (default: $ESC50_DIR)",
           &ServerSettings::dataset},
      }};
  return table;
}

namespace {

std::optional<RunCatalog> open_runs(const std::string& runs) {
  if (runs.empty()) return std::nullopt;
  if (!fs::is_directory(runs)) fail_file(runs, "--runs is not a directory");
  return RunCatalog(runs);
}

// The Dataset page is optional: a missing or broken dataset only disables it.
std::optional<data::Dataset> open_dataset(const std::string& setting) {
  if (setting.empty()) return std::nullopt;
  try {
    return data::load_esc50(setting);
  } catch (const Error& e) {
    spdlog::warn("Dataset page disabled: {}", e.what());
    return std::nullopt;
  }
}

std::optional<fs::path> open_web(const std::string& setting) {
  if (setting.empty()) return inference::web_dir();
  if (!fs::exists(fs::path(setting) / "index.html")) fail_file(setting, "--web has no index.html");
  return fs::path(setting);
}

int worker_threads(int setting) {
  return setting > 0 ? setting : std::max(4, 2 * hardware_threads());
}

const char* kPagesMissing =
    "<!doctype html><title>esc50</title><h1>esc50 server</h1><p>The web pages were not built. "
    "Run <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> (scripts/setup.sh does "
    "it), or pass <code>--web DIR</code>. The JSON API under <code>/api/</code> works.</p>";

}  // namespace

struct Server::Impl {
  ServeContext ctx;
  httplib::Server http;

  Impl(const SoundClassifier& classifier, ServerSettings settings)
      : ctx{classifier,
            features::LogMelExtractor(features::feature_params().from_json(
                nlohmann::json::parse(classifier.model().feature_settings_json))),
            settings, open_runs(settings.runs), open_dataset(settings.dataset),
            std::counting_semaphore<>(std::max(1, hardware_threads()))} {
    configure_limits();
    add_inference_routes(http, ctx);
    add_results_routes(http, ctx);
    add_dataset_routes(http, ctx);
    add_augment_routes(http, ctx);
    refuse_other_bodies(http, ctx);
    add_pages();
    add_error_handling();
  }

  void configure_limits() {
    const int threads = worker_threads(ctx.settings.threads);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
    http.set_payload_max_length(size_t(ctx.settings.max_upload_mb * 1024 * 1024));
    http.set_read_timeout(ctx.settings.timeout_s);
    http.set_write_timeout(ctx.settings.timeout_s);
    http.set_keep_alive_timeout(std::min(ctx.settings.timeout_s, 5));
  }

  void add_pages() {
    const auto web = open_web(ctx.settings.web);
    if (web) {
      http.set_mount_point("/", web->string());
      spdlog::info("Pages from {}", web->string());
      return;
    }
    spdlog::warn("Web pages not built (npm ci && npm run build in web/): serving the API only");
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kPagesMissing, "text/html");
    });
  }

  void add_error_handling() {
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 413)
        return send_error(res, 413, body_limit_message(ctx.settings));
      send_error(res, res.status,
                 (res.status == 404 ? "not found: " : "request failed: ") + req.path);
    });
    http.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
          std::string what = "unknown error";
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          spdlog::error("{} {}: {}", req.method, req.path, what);
          send_error(res, 500, "internal error: " + what);
        });
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      spdlog::info("{} {} {} {}B", req.method, req.path, res.status, res.body.size());
    });
  }
};

Server::Server(const SoundClassifier& classifier, ServerSettings settings) {
  server_params().validate(settings);
  impl_ = std::make_unique<Impl>(classifier, std::move(settings));
}

Server::~Server() = default;

int Server::bind() {
  const auto& s = impl_->ctx.settings;
  const int port = s.port == 0 ? impl_->http.bind_to_any_port(s.host)
                               : (impl_->http.bind_to_port(s.host, s.port) ? s.port : -1);
  if (port < 0)
    throw Error("cannot listen on " + s.host + ":" + std::to_string(s.port) +
                " (address in use or not available)");
  return port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace esc50::serve
