#pragma once
// libsndfile virtual I/O over a memory buffer, for uploads (read) and WAV encoding (write).
#include <sndfile.h>

#include <cstddef>
#include <span>
#include <string>

namespace esc50::audio {

struct MemoryFile {
  std::string bytes;
  sf_count_t position = 0;
};

SF_VIRTUAL_IO& memory_file_io();

}  // namespace esc50::audio
