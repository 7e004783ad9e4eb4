#include <fstream>

#include "audio/audio.h"
#include "common/error.h"
#include "inference/audio_inputs.h"
#include "test_support.h"

namespace esc50::inference {
namespace {

void touch(const std::filesystem::path& file) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << "x";
}

TEST(AudioInputs, RecognisesAudioExtensionsCaseInsensitively) {
  EXPECT_TRUE(audio::has_audio_extension("a.wav"));
  EXPECT_TRUE(audio::has_audio_extension("a.OGG"));
  EXPECT_TRUE(audio::has_audio_extension("dir/a.flac"));
  EXPECT_FALSE(audio::has_audio_extension("a.txt"));
  EXPECT_FALSE(audio::has_audio_extension("wav"));
}

TEST(AudioInputs, WalksFoldersRecursivelyInOrderAndKeepsFilesAsGiven) {
  test::TempDir dir;
  touch(dir / "b/z.wav");
  touch(dir / "b/deep/a.ogg");
  touch(dir / "b/notes.txt");
  touch(dir / "given.data");
  const auto files = expand_audio_inputs({dir / "given.data", dir / "b"});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], dir / "given.data");
  EXPECT_EQ(files[1], dir / "b/deep/a.ogg");
  EXPECT_EQ(files[2], dir / "b/z.wav");
}

TEST(AudioInputs, MissingPathIsAnErrorNamingIt) {
  try {
    expand_audio_inputs({"/nonexistent/clip.wav"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/clip.wav"), std::string::npos);
  }
}

}  // namespace
}  // namespace esc50::inference
