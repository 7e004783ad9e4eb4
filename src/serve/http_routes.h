#pragma once
// Internal to the serve stage: the pieces every group of routes shares.
#include <httplib.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <semaphore>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "audio/audio.h"
#include "data/esc50_meta.h"
#include "esc50/esc50.h"
#include "features/logmel.h"
#include "serve/run_catalog.h"
#include "serve/server.h"

namespace esc50::serve {

struct ServeContext {
  const SoundClassifier& classifier;  // classification goes through the public API
  features::LogMelExtractor extractor;  // the model's features, for spectrogram pictures
  ServerSettings settings;
  std::optional<RunCatalog> runs;
  std::optional<data::Dataset> dataset;
  // Decoding and inference are CPU-bound: at most one per core at a time, so a burst of
  // uploads queues instead of multiplying memory and thrashing.
  std::counting_semaphore<> compute_slots;
};

// Holds a compute slot for its lifetime.
class ComputeSlot {
 public:
  explicit ComputeSlot(std::counting_semaphore<>& slots) : slots_(slots) { slots_.acquire(); }
  ~ComputeSlot() { slots_.release(); }
  ComputeSlot(const ComputeSlot&) = delete;
  ComputeSlot& operator=(const ComputeSlot&) = delete;

 private:
  std::counting_semaphore<>& slots_;
};

void send_json(httplib::Response& res, const nlohmann::json& body, int status = 200);
void send_error(httplib::Response& res, int status, const std::string& message);

struct Upload {
  std::string bytes;
  std::string name;  // the uploaded file name, or "upload"
};
using UploadHandler = std::function<void(const httplib::Request&, httplib::Response&, const Upload&)>;
// "request body larger than the limit of N MB", the message of every 413.
std::string body_limit_message(const ServerSettings& settings);
// Registers POST `path` for audio uploads: the file part of a multipart form ("file", else the
// first part), otherwise the raw body whatever its Content-Type, up to the server's body
// limit (413 past it, however the body is sent). The body is read here rather than by
// cpp-httplib, which caps bodies it takes for forms (curl's default Content-Type) at 8 KB.
// Errors (Error) answer 400.
void post_upload(httplib::Server& http, const ServeContext& ctx, const std::string& path, UploadHandler handler);

// Registered after every route: any other POST, PUT or PATCH is read (cpp-httplib holds only
// bodies with a Content-Length to its limit), counted against the limit and answered 404 or 413.
void refuse_other_bodies(httplib::Server& http, const ServeContext& ctx);

// Decodes an upload to mono at the model's sample rate within the server's duration limit;
// throws Error (→ 400).
audio::Waveform decode_upload(const ServeContext& ctx, const Upload& upload);

// Integer query parameter within [min, max]; `fallback` when absent. Throws Error otherwise.
int query_int(const httplib::Request& req, const std::string& key, int fallback, int min, int max);

// Runs `handler`, turning esc50::Error into 400 with its message.
void with_user_errors(httplib::Response& res, const std::function<void()>& handler);

void add_inference_routes(httplib::Server& http, ServeContext& ctx);
void add_results_routes(httplib::Server& http, ServeContext& ctx);
void add_dataset_routes(httplib::Server& http, ServeContext& ctx);
void add_augment_routes(httplib::Server& http, ServeContext& ctx);

}  // namespace esc50::serve
