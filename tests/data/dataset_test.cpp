// Datasets other than ESC-50: a folder per class and a manifest CSV, and their errors.
#include "data/dataset.h"

#include <fstream>

#include "audio/audio_files.h"
#include "common/error.h"
#include "test_support.h"

namespace esc50::data {
namespace {

void write_clip(const std::filesystem::path& file, double hz) {
  std::filesystem::create_directories(file.parent_path());
  test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine_wave(hz, 16000, 8000));
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ClassFolders, ClassesAreTheFolderNamesAndEveryAudioFileBelowCounts) {
  test::TempDir dir;
  write_clip(dir / "set/whistle/a.wav", 900);
  write_clip(dir / "set/whistle/take2/a.wav", 950);  // same name, another folder: still unique
  write_clip(dir / "set/drum/x.wav", 80);
  std::ofstream(dir / "set/drum/notes.txt") << "not audio";
  const auto d = load_dataset(dir / "set");
  EXPECT_EQ(d.layout, "folders");
  EXPECT_FALSE(d.has_folds);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"drum", "whistle"}));
  ASSERT_EQ(d.clips.size(), 3u);
  EXPECT_EQ(d.clips[0].category, "drum");
  EXPECT_EQ(d.clips[1].target, 1);
  EXPECT_NE(d.clips[1].stem(), d.clips[2].stem());
  EXPECT_EQ(d.clips[2].stem(), "whistle__take2__a");
  EXPECT_NE(dataset_summary(d).find("2 classes, 3 clips"), std::string::npos) << dataset_summary(d);
  EXPECT_NE(dataset_summary(d).find("whistle 2"), std::string::npos) << dataset_summary(d);
}

TEST(ClassFolders, EmptyClassesAndStrayFilesAreErrorsNamingThePath) {
  test::TempDir dir;
  write_clip(dir / "set/bird/a.wav", 3000);
  std::filesystem::create_directories(dir / "set/empty");
  EXPECT_NE(error_of([&] { load_dataset(dir / "set"); }).find("empty: class folder has no audio files"),
            std::string::npos);
  std::filesystem::remove(dir / "set/empty");
  write_clip(dir / "set/stray.wav", 500);
  EXPECT_NE(error_of([&] { load_dataset(dir / "set"); }).find("stray.wav: audio file outside a class folder"),
            std::string::npos);
  EXPECT_NE(error_of([&] { load_dataset(dir / "nowhere"); }).find("no such file"), std::string::npos);
}

TEST(ClassFolders, OneClassOrTwoClipsOfOneNameAreErrorsNamingThem) {
  test::TempDir dir;
  write_clip(dir / "set/bird/a.wav", 3000);
  EXPECT_NE(error_of([&] { load_dataset(dir / "set"); }).find("only one class ('bird')"), std::string::npos);
  write_clip(dir / "set/dog/bark.wav", 300);
  test::write_audio(dir / "set/dog/bark.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 16000, 1,
                    test::sine_wave(400, 16000, 8000));
  const auto error = error_of([&] { load_dataset(dir / "set"); });
  EXPECT_NE(error.find("bark.flac and " + (dir / "set/dog/bark.wav").string() + " share the name 'dog__bark'"),
            std::string::npos) << error;
}

TEST(Manifest, MappedColumnsFoldsGroupsAndAFoldPrefixLikeUrbanSound8K) {
  test::TempDir dir;
  write_clip(dir / "audio/fold1/100-a.wav", 300);
  write_clip(dir / "audio/fold2/101-b.wav", 600);
  write_clip(dir / "audio/fold2/101-c.wav", 650);
  std::ofstream(dir / "meta.csv") << "slice_file_name,fsID,fold,classID,class\n"
                                     "100-a.wav,100,1,3,dog_bark\n"
                                     "101-b.wav,101,2,8,siren\n"
                                     "101-c.wav,101,2,8,siren\n";
  const auto columns =
      parse_manifest_columns("file=slice_file_name,label=class,fold=fold,group=fsID,prefix=audio/fold{fold}/");
  const auto d = load_dataset(dir / "meta.csv", columns);
  EXPECT_EQ(d.layout, "manifest");
  EXPECT_TRUE(d.has_folds);
  EXPECT_EQ(d.source, dir / "meta.csv");
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"dog_bark", "siren"}));
  ASSERT_EQ(d.clips.size(), 3u);
  EXPECT_EQ(d.clips[1].fold, 2);
  EXPECT_EQ(d.clips[1].src_file, "101");
  EXPECT_EQ(d.clips[1].path, dir / "audio/fold2/101-b.wav");
}

TEST(Manifest, BadRowsAreErrorsNamingTheLine) {
  test::TempDir dir;
  write_clip(dir / "a.wav", 300);
  const auto message = [&](const std::string& csv) {
    std::ofstream(dir / "list.csv") << csv;
    return error_of([&] { load_dataset(dir / "list.csv"); });
  };
  EXPECT_NE(message("file,label\na.wav,x\na.wav,y\n").find("line 3: "), std::string::npos);
  EXPECT_NE(message("file,label\na.wav,x\na.wav,y\n").find("listed twice"), std::string::npos);
  EXPECT_NE(message("file,label\nb.wav,x\n").find("line 2: " + (dir / "b.wav").string() + " does not exist"),
            std::string::npos);
  EXPECT_NE(message("file,label\na.wav,\n").find("line 2: no file or no label"), std::string::npos);
  EXPECT_NE(message("path,label\na.wav,x\n").find("no column 'file'"), std::string::npos);
  EXPECT_NE(message("file,label,fold\na.wav,x,zero\n").find("line 2: fold 'zero' is not a positive integer"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_manifest_columns("file=a,colour=b"); }).find("unknown key 'colour'"),
            std::string::npos);
}

TEST(Esc50Taxonomy, RecognisedOnlyForEsc50sClassesInItsOrder) {
  EXPECT_FALSE(has_esc50_classes({"drum", "whistle"}));
  ESC50_REQUIRE_DATASET();
  auto names = load_esc50(test::esc50_dir()).class_names;
  EXPECT_TRUE(has_esc50_classes(names));
  std::swap(names[9], names[10]);
  EXPECT_FALSE(has_esc50_classes(names));
}

}  // namespace
}  // namespace esc50::data
