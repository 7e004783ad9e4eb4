// POST /api/augment: the upload as a training policy would augment it, as a WAV file.
#include <map>
#include <memory>

#include "augment/policy.h"
#include "common/error.h"
#include "serve/http_routes.h"
#include "inference/sound_classifier.h"
#include "inference/windowing.h"

namespace esc50::serve {
namespace {

using Policies = std::map<std::string, std::unique_ptr<augment::Policy>>;

// Policies are immutable after construction and thread-safe: one of each serves every request.
std::shared_ptr<const Policies> make_policies(const std::vector<std::string>& class_names) {
  auto policies = std::make_shared<Policies>();
  for (const auto& name : augment::policy_names()) {
    augment::AugmentSettings settings;
    settings.policy = name;
    (*policies)[name] = augment::make_policy(settings, class_names);
  }
  return policies;
}

const augment::Policy& policy_of(const Policies& policies, const httplib::Request& req) {
  const auto name = req.get_param_value("policy");
  const auto it = policies.find(name);
  if (it != policies.end()) return *it->second;
  std::string known;
  for (const auto& [n, p] : policies) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown augmentation policy '" + name + "' (use ?policy= one of " + known + ")");
}

// Class-aware policies need the clip's class: ?target=K, else the model's best guess.
int target_of(const ServeContext& ctx, const httplib::Request& req, const audio::Waveform& clip) {
  const int n_classes = int(ctx.classifier.classes().size());
  const int target = query_int(req, "target", -1, 0, n_classes - 1);
  if (target >= 0) return target;
  const auto best = ctx.classifier.classify_waveform(clip.samples, clip.sample_rate, {.top = 1}).top;
  return best.empty() ? 0 : best.front().index;
}

void augment_upload(ServeContext& ctx, const Policies& policies, const httplib::Request& req,
                    httplib::Response& res, const Upload& upload) {
  const auto& policy = policy_of(policies, req);
  const int seed = query_int(req, "seed", 0, 0, 1 << 30);
  ComputeSlot slot(ctx.compute_slots);
  const int rate = ctx.classifier.model().sample_rate;
  auto clip = audio::prepare_clip(decode_upload(ctx, upload), {.sample_rate = rate, .duration_s = 0});
  const int target = target_of(ctx, req, clip);
  auto augmented = policy.augment(clip.samples, rate, target, uint64_t(seed));
  std::string applied;
  for (const auto& t : augmented.applied) applied += (applied.empty() ? "" : ", ") + t.to_string();
  res.set_header("X-Esc50-Policy", policy.name());
  res.set_header("X-Esc50-Target", std::to_string(target));
  res.set_header("X-Esc50-Transforms", applied.empty() ? "none" : applied);
  res.set_content(audio::encode_wav({std::move(augmented.samples), rate}), "audio/wav");
}

}  // namespace

void add_augment_routes(httplib::Server& http, ServeContext& ctx) {
  post_upload(http, ctx, "/api/augment",
              [&ctx, policies = make_policies(ctx.classifier.classes())](const httplib::Request& req, httplib::Response& res,
                                                 const Upload& upload) {
                augment_upload(ctx, *policies, req, res, upload);
              });
}

}  // namespace esc50::serve
