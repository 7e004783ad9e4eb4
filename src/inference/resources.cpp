#include "inference/resources.h"

#include <dlfcn.h>

#include <cstdlib>
#include <vector>

#include "common/error.h"

namespace esc50::inference {
namespace fs = std::filesystem;
namespace {

std::optional<fs::path> env_path(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return fs::path(value);
}

// The executable or shared library this code is linked into: a program that embeds an
// installed libesc50.so finds the shipped files beside the library, not beside itself.
std::optional<fs::path> this_module_path() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&env_path), &info) == 0 || !info.dli_fname) return std::nullopt;
  std::error_code ec;
  auto path = fs::canonical(info.dli_fname, ec);
  return ec ? std::nullopt : std::optional(path);
}

// Directories that may hold shipped files, most specific first.
std::vector<fs::path> resource_roots() {
  std::vector<fs::path> roots;
  std::vector<fs::path> anchors = {executable_path()};
  if (auto module = this_module_path(); module && *module != anchors.front()) anchors.push_back(*module);
  for (const auto& anchor : anchors) {
    for (fs::path dir = anchor.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      roots.push_back(dir);
      roots.push_back(dir / "share" / "esc50");
      if (dir == dir.root_path()) break;
    }
  }
#ifdef ESC50_SOURCE_DIR
  roots.push_back(ESC50_SOURCE_DIR);
#endif
  return roots;
}

std::optional<fs::path> find_shipped(const fs::path& relative, std::string* tried = nullptr) {
  for (const auto& root : resource_roots()) {
    std::error_code ec;
    if (fs::exists(root / relative, ec)) return root / relative;
    if (tried) *tried += "\n  " + (root / relative).string();
  }
  return std::nullopt;
}

}  // namespace

fs::path executable_path() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() / "esc50" : exe;
}

fs::path default_model_path() {
  if (auto from_env = env_path("ESC50_MODEL")) return *from_env;
  std::string tried;
  if (auto found = find_shipped(kDefaultModel, &tried)) return *found;
  throw Error(std::string("no model given and the default model ") + kDefaultModel +
              " was not found; pass --model FILE or set ESC50_MODEL. Looked in:" + tried);
}

std::optional<fs::path> web_dir() {
  // web/dist in a source tree, web/ in an installation's share/esc50.
  for (const auto& pages : {fs::path("web") / "dist", fs::path("web")})
    if (auto found = find_shipped(pages / "index.html")) return found->parent_path();
  return std::nullopt;
}

}  // namespace esc50::inference
