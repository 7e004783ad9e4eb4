#include "audio/sndfile_memory.h"

#include <algorithm>
#include <cstring>

namespace esc50::audio {
namespace {

MemoryFile& as_file(void* user) { return *static_cast<MemoryFile*>(user); }

sf_count_t length(void* user) { return static_cast<sf_count_t>(as_file(user).bytes.size()); }

sf_count_t seek(sf_count_t offset, int whence, void* user) {
  auto& f = as_file(user);
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f.position : length(user);
  sf_count_t target = base + offset;
  if (target < 0) return -1;
  f.position = target;
  return f.position;
}

sf_count_t read(void* ptr, sf_count_t count, void* user) {
  auto& f = as_file(user);
  sf_count_t available = std::max<sf_count_t>(0, length(user) - f.position);
  sf_count_t n = std::min(count, available);
  if (n > 0) std::memcpy(ptr, f.bytes.data() + f.position, static_cast<size_t>(n));
  f.position += n;
  return n;
}

sf_count_t write(const void* ptr, sf_count_t count, void* user) {
  auto& f = as_file(user);
  size_t end = static_cast<size_t>(f.position + count);
  if (end > f.bytes.size()) f.bytes.resize(end);
  std::memcpy(f.bytes.data() + f.position, ptr, static_cast<size_t>(count));
  f.position += count;
  return count;
}

sf_count_t tell(void* user) { return as_file(user).position; }

}  // namespace

SF_VIRTUAL_IO& memory_file_io() {
  static SF_VIRTUAL_IO io{length, seek, read, write, tell};
  return io;
}

}  // namespace esc50::audio
