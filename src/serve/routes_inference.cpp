// Routes that run the model or the feature extractor on uploaded audio.
#include "api/classification_json.h"
#include "common/error.h"
#include "features/logmel.h"
#include "api/timeline_events.h"
#include "serve/http_routes.h"

namespace esc50::serve {
namespace {

nlohmann::json model_json(const ModelDescription& model) {
  return {{"architecture", model.architecture},
          {"parameter_count", model.parameter_count},
          {"members", model.members},
          {"features", nlohmann::json::parse(model.feature_settings_json)},
          {"provenance", nlohmann::json::parse(model.provenance_json)}};
}

// ESC-50's five groups only for a model of its 50 classes; other models have none.
nlohmann::json classes_json(const ModelDescription& model) {
  nlohmann::json groups = nlohmann::json::array(), group_of = nlohmann::json::array();
  if (data::has_esc50_classes(model.classes)) {
    groups = data::category_groups();
    for (size_t i = 0; i < model.classes.size(); ++i) group_of.push_back(data::category_group_of(int(i)));
  }
  return {{"class_names", model.classes}, {"groups", groups}, {"group_of", group_of}, {"model", model_json(model)}};
}

// A plain answer carries at most this many windows; ?stream=1 gives every one.
constexpr int kDefaultMaxWindows = 240;

// Everything but the windows: what the last line of a stream and a plain answer share.
nlohmann::json summary_json(const Classification& result, const std::vector<std::string>& names,
                            const std::string& file) {
  auto body = api::classification_json(result, names, false);
  body["file"] = file;
  body["class_names"] = names;
  body["events"] = inference::events_json(api::detect_events(result, {}), names);
  body["windows_total"] = result.timeline.size();
  return body;
}

void classify(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const auto& names = ctx.classifier.classes();
  const int top = query_int(req, "top", ctx.settings.top, 1, int(names.size()));
  const int max_windows = query_int(req, "max_windows", kDefaultMaxWindows, 0, 100000);
  ComputeSlot slot(ctx.compute_slots);
  const auto decoded = decode_upload(ctx, upload);
  const auto result = ctx.classifier.classify_waveform(decoded.samples, decoded.sample_rate, {.top = top});
  auto body = summary_json(result, names, upload.name);
  body["windows"] = nlohmann::json::array();
  for (size_t i = 0; i < std::min(result.timeline.size(), size_t(max_windows)); ++i)
    body["windows"].push_back(api::window_json(result.timeline[i], names));
  send_json(res, body);
}

struct ClientGone {};

// ?stream=1: newline-delimited JSON sent while the upload is classified, so a long upload's
// timeline is never one big response: {"window": …} per window as soon as it is scored, then
// {"result": …} (the plain answer without its windows), or {"error": …} if classification failed.
void classify_stream(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const int top = query_int(req, "top", ctx.settings.top, 1, int(ctx.classifier.classes().size()));
  // One slot from decoding to the last window, so decoded uploads never wait outside a slot.
  auto slot = std::make_shared<ComputeSlot>(ctx.compute_slots);
  auto decoded = std::make_shared<audio::Waveform>(decode_upload(ctx, upload));
  res.set_chunked_content_provider(
      "application/x-ndjson", [&ctx, slot, decoded, top, file = upload.name](size_t, httplib::DataSink& sink) {
        const auto& names = ctx.classifier.classes();
        const auto send = [&sink](const nlohmann::json& line) {
          const auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
          if (!sink.write(text.data(), text.size())) throw ClientGone{};
        };
        try {
          const auto result = ctx.classifier.classify_waveform(
              decoded->samples, decoded->sample_rate,
              {.top = top, .on_window = [&](const TimelineWindow& w) { send({{"window", api::window_json(w, names)}}); }});
          send({{"result", summary_json(result, names, file)}});
        } catch (const ClientGone&) {
          return false;
        } catch (const std::exception& e) {
          try {
            send({{"error", std::string(e.what())}});
          } catch (const ClientGone&) {
            return false;
          }
        }
        sink.done();
        return true;
      });
}

// The log-mel spectrogram of the whole upload (any length) at the model's settings.
void spectrogram(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const int scale = query_int(req, "scale", 2, 1, 4);
  ComputeSlot slot(ctx.compute_slots);
  const auto& extractor = ctx.extractor;
  auto clip = audio::prepare_clip(decode_upload(ctx, upload),
                                  {.sample_rate = extractor.settings().sample_rate,
                                   .duration_s = 0});
  res.set_content(features::spectrogram_png(extractor.compute(clip.samples), scale), "image/png");
}

}  // namespace

void add_inference_routes(httplib::Server& http, ServeContext& ctx) {
  http.Get("/healthz", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, {{"status", "ok"},
                    {"model", ctx.classifier.model().architecture},
                    {"classes", ctx.classifier.classes().size()}});
  });
  http.Get("/api/classes", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, classes_json(ctx.classifier.model()));
  });
  post_upload(http, ctx, "/api/classify", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    if (query_int(req, "stream", 0, 0, 1) == 1)
      classify_stream(ctx, req, res, upload);
    else
      classify(ctx, req, res, upload);
  });
  post_upload(http, ctx, "/api/spectrogram", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    spectrogram(ctx, req, res, upload);
  });
}

}  // namespace esc50::serve
