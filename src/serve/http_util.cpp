#include <charconv>

#include "common/error.h"
#include "serve/http_routes.h"

namespace esc50::serve {

void send_json(httplib::Response& res, const nlohmann::json& body, int status) {
  res.status = status;
  // Replace, not throw, on invalid UTF-8 (file names from uploads end up in messages).
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, {{"error", message}, {"status", status}}, status);
}

Upload upload_of(const httplib::Request& req) {
  Upload upload{req.body, "upload"};
  if (req.is_multipart_form_data()) {
    if (req.files.empty()) throw Error("upload: the form has no file part");
    auto part = req.files.find("file");
    if (part == req.files.end()) part = req.files.begin();
    upload.bytes = part->second.content;
    if (!part->second.filename.empty()) upload.name = part->second.filename;
  }
  if (upload.bytes.empty()) throw Error(upload.name + ": empty upload: send audio as the request body or as a multipart 'file' part");
  return upload;
}

audio::Waveform decode_upload(const ServeContext& ctx, const Upload& upload) {
  const auto* data = reinterpret_cast<const std::byte*>(upload.bytes.data());
  return audio::decode_mono(std::span<const std::byte>(data, upload.bytes.size()), upload.name,
                            {.max_duration_s = ctx.settings.max_audio_seconds});
}

int query_int(const httplib::Request& req, const std::string& key, int fallback, int min, int max) {
  if (!req.has_param(key.c_str())) return fallback;
  const auto text = req.get_param_value(key.c_str());
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    throw Error("query parameter " + key + "=" + text + " is not an integer in [" +
                std::to_string(min) + ", " + std::to_string(max) + "]");
  return value;
}

void with_user_errors(httplib::Response& res, const std::function<void()>& handler) {
  try {
    handler();
  } catch (const Error& e) {
    send_error(res, 400, e.what());
  }
}

}  // namespace esc50::serve
