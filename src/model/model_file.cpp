#include "model/model_file.h"

#include <bit>
#include <cstring>
#include <string_view>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/hash.h"

namespace esc50::model {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

constexpr std::string_view kMagic = "ESC50MODEL\n";
constexpr uint32_t kMaxRank = 8;

template <class T>
void append_le(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

void append_bytes(std::string& out, std::string_view bytes) {
  append_le<uint64_t>(out, bytes.size());
  out += bytes;
}

// Sequential reader over the file bytes that reports truncation against the file name.
class Reader {
 public:
  Reader(std::string_view bytes, const std::filesystem::path& file) : bytes_(bytes), file_(file) {}
  template <class T>
  T number(const char* what) {
    T v;
    std::memcpy(&v, take(sizeof(T), what).data(), sizeof(T));
    return v;
  }
  std::string_view take(uint64_t n, const char* what) {
    if (n > bytes_.size() - pos_)
      fail_file(file_, std::string("truncated model file (") + what + " cut short)");
    auto s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool done() const { return pos_ == bytes_.size(); }
  size_t position() const { return pos_; }

 private:
  std::string_view bytes_;
  const std::filesystem::path& file_;
  size_t pos_ = 0;
};

std::string tensor_bytes(const TensorTable& tensors) {
  std::string out;
  append_le<uint32_t>(out, uint32_t(tensors.size()));
  for (const auto& [name, tensor] : tensors) {
    append_le<uint32_t>(out, uint32_t(name.size()));
    out += name;
    append_le<uint32_t>(out, uint32_t(tensor.shape.size()));
    for (auto d : tensor.shape) append_le<int64_t>(out, d);
    out.append(reinterpret_cast<const char*>(tensor.values.data()), tensor.values.size() * sizeof(float));
  }
  return out;
}

TensorTable read_tensors(std::string_view bytes, const std::filesystem::path& file) {
  Reader reader(bytes, file);
  TensorTable tensors;
  const auto count = reader.number<uint32_t>("tensor count");
  for (uint32_t i = 0; i < count; ++i) {
    std::string name(reader.take(reader.number<uint32_t>("tensor name length"), "tensor name"));
    Tensor t;
    const auto rank = reader.number<uint32_t>("tensor rank");
    if (rank > kMaxRank) fail_file(file, "tensor '" + name + "' has rank " + std::to_string(rank));
    uint64_t size = 1;
    for (uint32_t d = 0; d < rank; ++d) {
      const auto dim = reader.number<int64_t>("tensor shape");
      if (dim < 0 || (dim > 0 && size > (uint64_t(1) << 40) / uint64_t(dim)))
        fail_file(file, "tensor '" + name + "' has an impossible shape");
      t.shape.push_back(dim);
      size *= uint64_t(dim);
    }
    const auto data = reader.take(size * sizeof(float), "tensor values");
    t.values.resize(size);
    std::memcpy(t.values.data(), data.data(), data.size());
    if (!tensors.emplace(std::move(name), std::move(t)).second)
      fail_file(file, "a tensor name appears twice");
  }
  if (!reader.done()) fail_file(file, "unexpected bytes after the last tensor");
  return tensors;
}

}  // namespace

void write_model_file(const std::filesystem::path& file, const ModelInfo& info,
                      const TensorTable& tensors) {
  std::string out(kMagic);
  append_le<uint32_t>(out, kModelFormatVersion);
  append_bytes(out, model_info_to_json(info).dump());
  append_bytes(out, tensor_bytes(tensors));
  append_le<uint64_t>(out, fnv1a(out, kStoredHashBasis));
  write_file_atomic(file, out);
}

ModelFile read_model_file(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) fail_file(file, "model file not found");
  const std::string bytes = read_file(file);
  if (!std::string_view(bytes).starts_with(kMagic))
    fail_file(file, "not an esc50 model file (expected a model.esc50 written by `esc50 train`)");
  Reader reader(bytes, file);
  reader.take(kMagic.size(), "magic");
  ModelFile model;
  model.format_version = reader.number<uint32_t>("format version");
  if (model.format_version != kModelFormatVersion &&
      model.format_version != kLibTorchModelFormatVersion)
    fail_file(file, "model file format version " + std::to_string(model.format_version) +
                        " is not supported (this build reads versions 1 and 2)");
  const auto header = reader.take(reader.number<uint64_t>("header length"), "header");
  const auto weights = reader.take(reader.number<uint64_t>("weights length"), "weights");
  const size_t body_end = reader.position();
  const auto checksum = reader.number<uint64_t>("checksum");
  if (!reader.done()) fail_file(file, "unexpected bytes after the checksum");
  if (checksum != fnv1a(std::string_view(bytes).substr(0, body_end), kStoredHashBasis))
    fail_file(file, "model file is corrupted (checksum mismatch)");

  const auto j = nlohmann::json::parse(header, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) fail_file(file, "model description is not valid JSON");
  model.info = model_info_from_json(j, file);
  if (model.format_version == kLibTorchModelFormatVersion)
    model.libtorch_archive = std::string(weights);
  else
    model.tensors = read_tensors(weights, file);
  return model;
}

std::string member_tensor_name(int member, const std::string& name) {
  return "member" + std::to_string(member) + "/" + name;
}

TensorTable member_tensors(const TensorTable& tensors, int member, int members) {
  if (members == 1) return tensors;
  const auto prefix = member_tensor_name(member, "");
  TensorTable own;
  for (const auto& [name, tensor] : tensors)
    if (name.starts_with(prefix)) own.emplace(name.substr(prefix.size()), tensor);
  return own;
}

void check_tensors(const TensorTable& tensors, const NetworkSpec& spec, int members) {
  std::map<std::string, std::vector<int64_t>> expected;
  for (const auto& [name, shape] : spec.tensor_shapes())
    for (int m = 0; m < members; ++m) expected.emplace(members == 1 ? name : member_tensor_name(m, name), shape);
  for (const auto& [name, shape] : expected) {
    const auto it = tensors.find(name);
    if (it == tensors.end()) throw Error("weights lack the tensor '" + name + "'");
    if (it->second.shape != shape) throw Error("tensor '" + name + "' has the wrong shape for this architecture");
  }
  for (const auto& [name, tensor] : tensors)
    if (!expected.contains(name)) throw Error("unexpected tensor '" + name + "' in the weights");
}

}  // namespace esc50::model
