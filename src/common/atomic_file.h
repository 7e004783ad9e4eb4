#pragma once
#include <filesystem>
#include <functional>
#include <string_view>

namespace esc50 {

// Throws Error naming `target` when write_file_atomic could not write it (a directory, a
// folder that cannot be created or written), so a long job can check before it starts.
void require_writable(const std::filesystem::path& target);

// Writes go to a unique temporary file beside the target, which is renamed over the target
// only once complete: readers never see a half-written checkpoint, cache entry or report.
// Failures throw Error naming `target` and the cause.
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes);
// The same, with the file's modification time set before it appears, so that a reader that
// compares it (the feature cache) never sees the file with the time of its writing.
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes,
                       std::filesystem::file_time_type modified);

// For writers that insist on a path (torch::save, libsndfile, libpng): `write` receives the
// temporary path and must fully write it before returning.
void write_file_atomic(const std::filesystem::path& target,
                       const std::function<void(const std::filesystem::path& tmp)>& write);

// True for any temporary of the writers above, live or abandoned (a finished write leaves none).
bool is_atomic_temporary(const std::filesystem::path& file);
// True for a temporary whose writer no longer runs on this machine, or that nobody has written
// for an hour: a leftover of a killed process, safe to delete, unlike one that another command
// is writing into the same cache. (Writers on other machines sharing a cache are not seen.)
bool is_abandoned_temporary(const std::filesystem::path& file);

std::string read_file(const std::filesystem::path& file);

}  // namespace esc50
