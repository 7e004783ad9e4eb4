#include "common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include "common/error.h"

namespace esc50 {
namespace {

constexpr std::string_view kTempMarker = ".partial-";

std::filesystem::path temporary_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  auto name = target.filename().string() + std::string(kTempMarker) + std::to_string(::getpid()) +
              "-" + std::to_string(counter++);
  return target.parent_path() / name;
}

void sync_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void write_file_atomic(const std::filesystem::path& target,
                       const std::function<void(const std::filesystem::path& tmp)>& write) {
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  auto tmp = temporary_for(target);
  try {
    write(tmp);
    sync_file(tmp);
    std::filesystem::rename(tmp, target);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw;
  }
}

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes) {
  write_file_atomic(target, [&](const std::filesystem::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) fail_file(target, "cannot write file");
  });
}

bool is_atomic_temporary(const std::filesystem::path& file) {
  return file.filename().string().find(kTempMarker) != std::string::npos;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_file(file, "cannot open file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace esc50
