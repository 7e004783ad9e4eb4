// Read-only routes over files on disk: training runs and the ESC-50 clips.
#include <algorithm>

#include "common/atomic_file.h"
#include "common/error.h"
#include "features/logmel.h"
#include "serve/http_routes.h"

namespace esc50::serve {
namespace {

const char* audio_mime(const std::filesystem::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".ogg") return "audio/ogg";
  if (ext == ".flac") return "audio/flac";
  return "audio/wav";
}

nlohmann::json dataset_json(const std::optional<data::Dataset>& dataset) {
  if (!dataset) return {{"available", false}};
  nlohmann::json classes = nlohmann::json::array();
  for (size_t i = 0; i < dataset->class_names.size(); ++i)
    classes.push_back({{"index", i},
                       {"name", dataset->class_names[i]},
                       {"group", data::category_group_of(int(i))},
                       {"clips", nlohmann::json::array()}});
  for (const auto& clip : dataset->clips)
    classes.at(size_t(clip.target))["clips"].push_back({{"file", clip.filename}, {"fold", clip.fold}});
  return {{"available", true}, {"groups", data::category_groups()}, {"classes", classes}};
}

// Only clips listed in the dataset's csv are served: names from the URL never reach the
// file system directly.
const data::Clip* find_clip(const ServeContext& ctx, const std::string& filename) {
  if (!ctx.dataset) return nullptr;
  const auto& clips = ctx.dataset->clips;
  const auto it = std::find_if(clips.begin(), clips.end(),
                               [&](const data::Clip& c) { return c.filename == filename; });
  return it == clips.end() ? nullptr : &*it;
}

}  // namespace

void add_results_routes(httplib::Server& http, ServeContext& ctx) {
  http.Get("/api/runs", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, {{"root", ctx.settings.runs},
                    {"runs", ctx.runs ? ctx.runs->list() : nlohmann::json::array()}});
  });
  http.Get("/api/runs/(.+)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const auto details = ctx.runs ? ctx.runs->details(req.matches[1]) : std::nullopt;
    if (!details) return send_error(res, 404, "no run '" + std::string(req.matches[1]) + "'");
    send_json(res, *details);
  });
}

void add_dataset_routes(httplib::Server& http, ServeContext& ctx) {
  http.Get("/api/dataset", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, dataset_json(ctx.dataset));
  });
  http.Get("/api/dataset/audio/(.+)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const auto* clip = find_clip(ctx, req.matches[1]);
    if (!clip) return send_error(res, 404, "no dataset clip '" + std::string(req.matches[1]) + "'");
    res.set_content(read_file(clip->path), audio_mime(clip->path));
  });
  // GET is for dataset clips (?clip=NAME); uploads use POST /api/spectrogram.
  http.Get("/api/spectrogram", [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_user_errors(res, [&] {
      const auto name = req.get_param_value("clip");
      const auto* clip = find_clip(ctx, name);
      if (!clip) return send_error(res, 404, "no dataset clip '" + name + "' (use ?clip=FILE)");
      const int scale = query_int(req, "scale", 2, 1, 4);
      ComputeSlot slot(ctx.compute_slots);
      const auto spec = features::extract_clip(clip->path, ctx.extractor);
      res.set_content(features::spectrogram_png(spec, scale), "image/png");
    });
  });
}

}  // namespace esc50::serve
