// Names the three likeliest sounds in an audio file with esc50's bundled model.
#include <esc50/esc50.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s AUDIO_FILE\n", argv[0]);
    return 2;
  }
  try {
    const esc50::SoundClassifier classifier;  // the bundled model, found beside the library
    const auto result = classifier.classify_file(argv[1], {.top = 3});
    std::printf("%s (%.1f s)\n", argv[1], result.duration_s);
    for (const auto& sound : result.top)
      std::printf("  %-18s %5.1f %%\n", sound.label.c_str(), 100 * sound.probability);
  } catch (const esc50::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
