#include "data/esc50_meta.h"

#include "common/error.h"
#include "data/fake_dataset.h"
#include "test_support.h"

namespace esc50::data {
namespace {

TEST(Esc50Meta, ResolvesClipsByStemAndCountsMissingOnes) {
  test::TempDir tmp;
  test::make_fake_dataset(tmp.path(), {{"1-100-A-0.wav", 1, 0, "dog", ".wav"},
                                       {"2-200-A-1.wav", 2, 1, "rooster", ".flac"},
                                       {"3-300-A-1.wav", 3, 1, "rooster", ""}});
  auto ds = load_esc50(tmp.path());
  ASSERT_EQ(ds.clips.size(), 2u);
  EXPECT_EQ(ds.missing, 1u);
  EXPECT_EQ(ds.clips[1].path.extension(), ".flac");
  EXPECT_EQ(ds.clips[1].stem(), "2-200-A-1");
  EXPECT_EQ(ds.class_names, (std::vector<std::string>{"dog", "rooster"}));
}

TEST(Esc50Meta, MissingCsvNamesTheFile) {
  test::TempDir tmp;
  try {
    load_esc50(tmp.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("esc50.csv"), std::string::npos);
  }
}

TEST(Esc50Meta, MalformedLineNamesTheLine) {
  test::TempDir tmp;
  std::filesystem::create_directories(tmp / "meta");
  std::ofstream(tmp / "meta" / "esc50.csv") << "filename,fold,target,category,esc10,src_file,take\n"
                                            << "a.wav,x,0,dog,False,1,A\n";
  try {
    load_esc50(tmp.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(Esc50Meta, QuickProtocolFoldsComeFromSubsetFoldsCsv) {
  test::TempDir tmp;
  test::make_fake_dataset(tmp.path(), {{"1-100-A-0.wav", 1, 0, "dog", ".wav"},
                                       {"2-200-A-1.wav", 2, 1, "rooster", ".wav"}});
  EXPECT_TRUE(load_esc50(tmp.path()).quick_folds.empty());
  const auto quick = tmp / "meta" / "subset-folds.csv";
  std::ofstream(quick) << "filename,subset_fold\n2-200-A-1.wav,3\n";
  const auto ds = load_esc50(tmp.path());
  EXPECT_EQ(ds.quick_folds, quick);
  EXPECT_EQ(ds.clips[0].quick_fold, 0);  // not in the quick protocol
  EXPECT_EQ(ds.clips[1].quick_fold, 3);
  for (const char* bad : {"name,fold\n", "filename,subset_fold\n2-200-A-1.wav,6\n", "filename,subset_fold\nx.wav,\n"}) {
    std::ofstream(quick) << bad;
    try {
      load_esc50(tmp.path());
      ADD_FAILURE() << "no error for " << bad;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("subset-folds.csv"), std::string::npos) << e.what();
    }
  }
}

TEST(Esc50Meta, CategoryGroupsFollowTargetDecades) {
  EXPECT_EQ(category_group_of(0), 0);
  EXPECT_EQ(category_group_of(19), 1);
  EXPECT_EQ(category_group_of(49), 4);
  EXPECT_EQ(category_groups().size(), 5u);
}

TEST(Esc50Meta, FullDatasetHas2000ClipsIn50ClassesAnd5Folds) {
  ESC50_REQUIRE_DATASET();
  auto ds = load_esc50(test::esc50_dir());
  EXPECT_EQ(ds.clips.size(), 2000u);
  EXPECT_EQ(ds.missing, 0u);
  EXPECT_EQ(ds.class_names.size(), 50u);
  std::vector<int> per_fold(6);
  for (const auto& c : ds.clips) ++per_fold.at(c.fold);
  for (int f = 1; f <= 5; ++f) EXPECT_EQ(per_fold[f], 400);
}

}  // namespace
}  // namespace esc50::data
