#include "common/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cerrno>
#include <cstring>
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

// The cause of a failed write, e.g. "No space left on device", is the message users need.
[[noreturn]] void fail_write(const std::filesystem::path& target, int error) {
  fail_file(target, std::string("cannot write: ") + std::strerror(error));
}

void sync_file(const std::filesystem::path& file, const std::filesystem::path& target) {
  int fd = ::open(file.c_str(), O_RDONLY);
  if (fd < 0) fail_write(target, errno);
  const bool synced = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced) fail_write(target, error);
}

}  // namespace

void require_writable(const std::filesystem::path& target) {
  if (std::filesystem::is_directory(target)) fail_file(target, "is a directory; give a file name");
  const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) fail_file(target, "cannot create its folder: " + ec.message());
  if (::access(folder.c_str(), W_OK) != 0) fail_write(target, errno);
}

void write_file_atomic(const std::filesystem::path& target,
                       const std::function<void(const std::filesystem::path& tmp)>& write) {
  require_writable(target);
  auto tmp = temporary_for(target);
  try {
    write(tmp);
    sync_file(tmp, target);
    std::error_code ec;
    std::filesystem::rename(tmp, target, ec);
    if (ec) fail_write(target, ec.value());
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw;
  }
}

namespace {

void write_bytes(const std::filesystem::path& tmp, const std::filesystem::path& target, std::string_view bytes) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail_write(target, errno);
  for (size_t done = 0; done < bytes.size();) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail_write(target, error);
    }
    done += size_t(n);
  }
  if (::close(fd) != 0) fail_write(target, errno);
}

}  // namespace

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes) {
  write_file_atomic(target, [&](const std::filesystem::path& tmp) { write_bytes(tmp, target, bytes); });
}

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes,
                       std::filesystem::file_time_type modified) {
  write_file_atomic(target, [&](const std::filesystem::path& tmp) {
    write_bytes(tmp, target, bytes);
    std::error_code ec;
    std::filesystem::last_write_time(tmp, modified, ec);
    if (ec) fail_write(target, ec.value());
  });
}

bool is_atomic_temporary(const std::filesystem::path& file) {
  return file.filename().string().find(kTempMarker) != std::string::npos;
}

bool is_abandoned_temporary(const std::filesystem::path& file) {
  const auto name = file.filename().string();
  const auto marker = name.find(kTempMarker);
  if (marker == std::string::npos) return false;
  const char* first = name.data() + marker + kTempMarker.size();
  pid_t writer = 0;
  const auto [end, ec] = std::from_chars(first, name.data() + name.size(), writer);
  if (ec != std::errc() || end == first || writer <= 0) return true;  // not ours: no live writer to wait for
  if (::kill(writer, 0) == -1 && errno == ESRCH) return true;
  // A live process of that id may be another one (ids are reused, and differ between containers
  // sharing a cache); no writer leaves a temporary untouched for an hour.
  std::error_code error;
  const auto written = std::filesystem::last_write_time(file, error);
  return !error && std::filesystem::file_time_type::clock::now() - written > std::chrono::hours(1);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_file(file, "cannot open file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace esc50
