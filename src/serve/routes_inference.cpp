// Routes that run the model or the feature extractor on uploaded audio.
#include "common/error.h"
#include "features/logmel.h"
#include "serve/http_routes.h"
#include "serve/sound_classifier.h"

namespace esc50::serve {
namespace {

nlohmann::json model_json(const model::ModelInfo& info) {
  return {{"architecture", info.architecture},
          {"parameter_count", info.parameter_count},
          {"features", features::feature_params().to_json(info.features)},
          {"provenance", info.provenance}};
}

nlohmann::json classes_json(const model::ModelInfo& info) {
  nlohmann::json group_of = nlohmann::json::array();
  for (size_t i = 0; i < info.class_names.size(); ++i)
    group_of.push_back(data::category_group_of(int(i)));
  return {{"class_names", info.class_names},
          {"groups", data::category_groups()},
          {"group_of", group_of},
          {"model", model_json(info)}};
}

void classify(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const auto& names = ctx.model.info().class_names;
  const int top = query_int(req, "top", ctx.settings.top, 1, int(names.size()));
  ComputeSlot slot(ctx.compute_slots);
  const auto result = classify_waveform(ctx.model, decode_upload(ctx, upload));
  auto body = classification_json(result, names, top);
  body["file"] = upload.name;
  body["class_names"] = names;
  send_json(res, body);
}

// The log-mel spectrogram of the whole upload (any length) at the model's settings.
void spectrogram(ServeContext& ctx, const httplib::Request& req, httplib::Response& res, const Upload& upload) {
  const int scale = query_int(req, "scale", 2, 1, 4);
  ComputeSlot slot(ctx.compute_slots);
  const auto& extractor = ctx.model.extractor();
  auto clip = audio::prepare_clip(decode_upload(ctx, upload),
                                  {.sample_rate = extractor.settings().sample_rate,
                                   .duration_s = 0});
  res.set_content(features::spectrogram_png(extractor.compute(clip.samples), scale), "image/png");
}

}  // namespace

void add_inference_routes(httplib::Server& http, ServeContext& ctx) {
  http.Get("/healthz", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, {{"status", "ok"},
                    {"model", ctx.model.info().architecture},
                    {"classes", ctx.model.info().class_names.size()}});
  });
  http.Get("/api/classes", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, classes_json(ctx.model.info()));
  });
  post_upload(http, "/api/classify", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    classify(ctx, req, res, upload);
  });
  post_upload(http, "/api/spectrogram", [&ctx](const httplib::Request& req, httplib::Response& res, const Upload& upload) {
    spectrogram(ctx, req, res, upload);
  });
}

}  // namespace esc50::serve
