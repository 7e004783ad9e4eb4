#include <algorithm>
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

namespace {

// Counts a body's bytes against the limit. Past it the rest is still read and dropped, up to
// kDrainFactor times the limit, so a client that streams its body finishes sending and reads
// the 413 rather than a broken connection.
class BodyLimit {
 public:
  explicit BodyLimit(size_t limit) : limit_(limit) {}
  // False once reading should stop; keep() says whether to keep the bytes.
  bool count(size_t length) {
    total_ += length;
    return total_ <= kDrainFactor * limit_;
  }
  bool keep() const { return total_ <= limit_; }
  bool exceeded() const { return total_ > limit_; }

 private:
  static constexpr size_t kDrainFactor = 4;
  size_t limit_, total_ = 0;
};

// False when the body could not be read or is over the limit. cpp-httplib holds only a body
// with a Content-Length to its limit; chunked, length-less and compressed (inflated) bodies are
// counted here.
bool read_upload(const httplib::Request& req, const httplib::ContentReader& reader, BodyLimit& limit,
                 Upload& upload) {
  upload = {{}, "upload"};
  if (!req.is_multipart_form_data())
    return reader([&](const char* data, size_t length) {
             const bool more = limit.count(length);
             if (limit.keep()) upload.bytes.append(data, length);
             return more;
           }) &&
           !limit.exceeded();
  std::vector<httplib::MultipartFormData> parts;
  const bool complete = reader(
      [&](const httplib::MultipartFormData& header) {
        parts.push_back(header);
        return true;
      },
      [&](const char* data, size_t length) {
        const bool more = limit.count(length);
        if (limit.keep()) parts.back().content.append(data, length);
        return more;
      });
  if (!complete || limit.exceeded()) return false;
  if (parts.empty()) throw Error("upload: the form has no file part");
  auto part = std::find_if(parts.begin(), parts.end(), [](const auto& p) { return p.name == "file"; });
  if (part == parts.end()) part = parts.begin();
  upload.bytes = std::move(part->content);
  if (!part->filename.empty()) upload.name = part->filename;
  return true;
}

}  // namespace

std::string body_limit_message(const ServerSettings& settings) {
  return "request body larger than the limit of " + nlohmann::json(settings.max_upload_mb).dump() + " MB";
}

void post_upload(httplib::Server& http, const ServeContext& ctx, const std::string& path, UploadHandler handler) {
  const auto limit = size_t(ctx.settings.max_upload_mb * 1024 * 1024);
  http.Post(path, [&ctx, limit, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                               const httplib::ContentReader& reader) {
    with_user_errors(res, [&] {
      Upload upload;
      BodyLimit counted(limit);
      if (!read_upload(req, reader, counted, upload)) {
        if (counted.exceeded() || res.status == 413) {
          res.set_header("Connection", "close");  // what is left of a body over 4× the limit is not read
          send_error(res, 413, body_limit_message(ctx.settings));
        } else {
          send_error(res, 400, "upload: the request body could not be read");
        }
        return;
      }
      if (upload.bytes.empty())
        throw Error(upload.name + ": empty upload: send audio as the request body or as a multipart 'file' part");
      handler(req, res, upload);
    });
  });
}

void refuse_other_bodies(httplib::Server& http, const ServeContext& ctx) {
  const auto limit = size_t(ctx.settings.max_upload_mb * 1024 * 1024);
  const auto refuse = [&ctx, limit](const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
    BodyLimit counted(limit);
    const auto count = [&](const char*, size_t length) { return counted.count(length); };
    if (req.is_multipart_form_data())
      reader([](const httplib::MultipartFormData&) { return true; }, count);
    else
      reader(count);
    if (counted.exceeded()) {
      res.set_header("Connection", "close");
      return send_error(res, 413, body_limit_message(ctx.settings));
    }
    send_error(res, 404, "not found: " + req.method + " " + req.path);
  };
  http.Post(".*", refuse);
  http.Put(".*", refuse);
  http.Patch(".*", refuse);
}

audio::Waveform decode_upload(const ServeContext& ctx, const Upload& upload) {
  const auto* data = reinterpret_cast<const std::byte*>(upload.bytes.data());
  return audio::decode_mono(std::span<const std::byte>(data, upload.bytes.size()), upload.name,
                            {.max_duration_s = ctx.settings.max_audio_seconds,
                             .sample_rate = ctx.classifier.model().sample_rate});
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
