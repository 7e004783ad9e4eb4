// Routes that run the model or the feature extractor on uploaded audio.
#include "api/classification_json.h"
#include "common/error.h"
#include "features/logmel.h"
#include "serve/http_routes.h"

namespace esc50::serve {
namespace {

nlohmann::json model_json(const ModelDescription& model) {
  return {{"architecture", model.architecture},
          {"parameter_count", model.parameter_count},
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

void classify(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const auto& names = ctx.classifier.classes();
  const int top = query_int(req, "top", ctx.settings.top, 1, int(names.size()));
  ComputeSlot slot(ctx.compute_slots);
  const auto decoded = decode_upload(ctx, upload);
  auto body = api::classification_json(ctx.classifier.classify_waveform(decoded.samples, decoded.sample_rate, {.top = top}), names);
  body["file"] = upload.name;
  body["class_names"] = names;
  send_json(res, body);
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
  post_upload(http, "/api/classify", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    classify(ctx, req, res, upload);
  });
  post_upload(http, "/api/spectrogram", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    spectrogram(ctx, req, res, upload);
  });
}

}  // namespace esc50::serve
