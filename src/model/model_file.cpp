#include "model/model_file.h"

#include <sstream>
#include <string_view>

#include <torch/serialize.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "model/registry.h"

namespace esc50::model {
namespace {

constexpr std::string_view kMagic = "ESC50MODEL\n";

uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

template <class T>
void append_le(std::string& out, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) out.push_back(char((uint64_t(value) >> (8 * i)) & 0xff));
}

// Sequential reader over the file bytes that reports truncation against the file name.
class Reader {
 public:
  Reader(std::string_view bytes, const std::filesystem::path& file) : bytes_(bytes), file_(file) {}
  template <class T>
  T number(const char* what) {
    auto b = take(sizeof(T), what);
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= uint64_t(uint8_t(b[i])) << (8 * i);
    return T(v);
  }
  std::string_view take(uint64_t n, const char* what) {
    if (n > bytes_.size() - pos_) fail_file(file_, std::string("truncated model file (") + what + " cut short)");
    auto s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t position() const { return pos_; }

 private:
  std::string_view bytes_;
  const std::filesystem::path& file_;
  size_t pos_ = 0;
};

std::string weights_bytes(NetworkImpl& network) {
  torch::serialize::OutputArchive archive;
  network.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void check_network(const ModelInfo& info, const std::filesystem::path& file) {
  if (info.class_names.empty()) fail_file(file, "model has no class names");
  try {
    features::feature_params().validate(info.features);
  } catch (const Error& e) {
    fail_file(file, std::string("invalid feature settings: ") + e.what());
  }
}

}  // namespace

nlohmann::json model_info_to_json(const ModelInfo& info) {
  return {{"architecture", info.architecture},
          {"architecture_settings", info.architecture_settings},
          {"features", features::feature_params().to_json(info.features)},
          {"class_names", info.class_names},
          {"provenance", info.provenance},
          {"parameter_count", info.parameter_count}};
}

ModelInfo model_info_from_json(const nlohmann::json& j, const std::filesystem::path& file) {
  ModelInfo info;
  try {
    info.architecture = j.at("architecture").get<std::string>();
    info.architecture_settings = j.at("architecture_settings");
    info.features = features::feature_params().from_json(j.at("features"));
    info.class_names = j.at("class_names").get<std::vector<std::string>>();
    info.provenance = j.value("provenance", nlohmann::json::object());
    info.parameter_count = j.at("parameter_count").get<int64_t>();
  } catch (const nlohmann::json::exception& e) {
    fail_file(file, std::string("model description is incomplete: ") + e.what());
  } catch (const Error& e) {
    fail_file(file, e.what());
  }
  check_network(info, file);
  return info;
}

void save_model_file(const std::filesystem::path& file, const ModelInfo& info,
                     NetworkImpl& network) {
  const std::string header = model_info_to_json(info).dump();
  const std::string weights = weights_bytes(network);
  std::string out(kMagic);
  append_le<uint32_t>(out, kModelFormatVersion);
  append_le<uint64_t>(out, header.size());
  out += header;
  append_le<uint64_t>(out, weights.size());
  out += weights;
  append_le<uint64_t>(out, fnv1a(out));
  write_file_atomic(file, out);
}

LoadedModel load_model_file(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) fail_file(file, "model file not found");
  const std::string bytes = read_file(file);
  if (!std::string_view(bytes).starts_with(kMagic))
    fail_file(file, "not an esc50 model file (expected a model.esc50 written by `esc50 train`)");
  Reader reader(bytes, file);
  reader.take(kMagic.size(), "magic");
  const auto version = reader.number<uint32_t>("format version");
  if (version != kModelFormatVersion)
    fail_file(file, "model file format version " + std::to_string(version) +
                        " is not supported (this build reads version " +
                        std::to_string(kModelFormatVersion) + ")");
  const auto header = reader.take(reader.number<uint64_t>("header length"), "header");
  const auto weights = reader.take(reader.number<uint64_t>("weights length"), "weights");
  const size_t body_end = reader.position();
  const auto checksum = reader.number<uint64_t>("checksum");
  if (reader.position() != bytes.size()) fail_file(file, "unexpected bytes after the checksum");
  if (checksum != fnv1a(std::string_view(bytes).substr(0, body_end)))
    fail_file(file, "model file is corrupted (checksum mismatch)");

  const auto j = nlohmann::json::parse(header, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) fail_file(file, "model description is not valid JSON");
  LoadedModel loaded{model_info_from_json(j, file), nullptr};
  try {
    const auto& arch = find_architecture(loaded.info.architecture);
    loaded.network = arch.make(loaded.info.architecture_settings,
                               int(loaded.info.class_names.size()));
    torch::serialize::InputArchive archive;
    std::istringstream in{std::string(weights)};
    archive.load_from(in, torch::kCPU);
    loaded.network->load(archive);
  } catch (const Error& e) {
    fail_file(file, e.what());
  } catch (const c10::Error& e) {
    fail_file(file, "weights do not match the architecture '" + loaded.info.architecture +
                        "': " + e.what_without_backtrace());
  }
  loaded.network->eval();
  return loaded;
}

}  // namespace esc50::model
