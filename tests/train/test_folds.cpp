#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/error.h"
#include "test_support.h"
#include "train/folds.h"

namespace esc50::train {
namespace {

// Every src_file must lie in exactly one fold (otherwise takes of one recording leak).
void expect_groups_intact(const std::vector<std::string>& groups, const std::vector<int>& folds) {
  std::map<std::string, std::set<int>> folds_of_group;
  for (size_t i = 0; i < groups.size(); ++i)
    if (folds[i] != 0) folds_of_group[groups[i]].insert(folds[i]);
  for (const auto& [group, in] : folds_of_group) EXPECT_EQ(in.size(), 1u) << group;
}

TEST(Folds, StratifiedGroupedFoldsNeverSplitASourceAndBalanceClasses) {
  std::vector<int> targets;
  std::vector<std::string> groups;
  // 10 classes × 40 clips, sources with 1..4 takes.
  for (int c = 0; c < 10; ++c)
    for (int i = 0; i < 40; ++i) {
      targets.push_back(c);
      groups.push_back("src" + std::to_string(c) + "-" + std::to_string(i / (1 + (i + c) % 4)));
    }
  const auto folds = stratified_grouped_folds(targets, groups, 5, 42);
  expect_groups_intact(groups, folds);
  std::map<std::pair<int, int>, int> per_class_fold;
  for (size_t i = 0; i < folds.size(); ++i) {
    ASSERT_GE(folds[i], 1);
    ASSERT_LE(folds[i], 5);
    ++per_class_fold[std::pair(targets[i], folds[i])];
  }
  for (int c = 0; c < 10; ++c)
    for (int f = 1; f <= 5; ++f) {
      EXPECT_GE((per_class_fold[{c, f}]), 4) << "class " << c << " fold " << f;
      EXPECT_LE((per_class_fold[{c, f}]), 12) << "class " << c << " fold " << f;
    }
  EXPECT_EQ(folds, stratified_grouped_folds(targets, groups, 5, 42));
  EXPECT_NE(folds, stratified_grouped_folds(targets, groups, 5, 43));
}

// 3 classes of 12 clips, in groups of two; `fold_of(i)` gives the dataset's own folds.
data::Dataset synthetic_dataset(int (*fold_of)(int)) {
  data::Dataset d;
  d.source = "synthetic.csv";
  d.layout = "manifest";
  d.class_names = {"hum", "click", "chirp"};
  d.has_folds = fold_of != nullptr;
  for (int i = 0; i < 36; ++i)
    d.clips.push_back({.filename = "clip" + std::to_string(i) + ".wav", .fold = fold_of ? fold_of(i) : 0,
                       .target = i % 3, .category = d.class_names[size_t(i % 3)],
                       .src_file = "rec" + std::to_string(i / 6) + "-" + std::to_string(i % 3), .take = "",
                       .path = {}});
  return d;
}

TEST(Folds, GroupedBuildsKFoldsAndOfficialCountsTheDatasetsOwn) {
  const auto grouped = assign_folds(synthetic_dataset(nullptr), "grouped", 0, 3);
  EXPECT_EQ(grouped.fold_count, 3);
  EXPECT_EQ(*std::max_element(grouped.fold_of_clip.begin(), grouped.fold_of_clip.end()), 3);
  EXPECT_EQ(*std::min_element(grouped.fold_of_clip.begin(), grouped.fold_of_clip.end()), 1);
  // UrbanSound8K has ten folds of its own.
  const auto official = assign_folds(synthetic_dataset([](int i) { return 1 + i % 10; }), "official", 0);
  EXPECT_EQ(official.fold_count, 10);
  // 12 clips per class: 13 folds cannot all hold one of each class.
  try {
    assign_folds(synthetic_dataset(nullptr), "grouped", 0, 13);
    ADD_FAILURE() << "13 folds of 12 clips per class were accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("fewer than the 13 folds"), std::string::npos) << e.what();
  }
  EXPECT_THROW(assign_folds(synthetic_dataset(nullptr), "grouped", 0, 1), Error);
}

TEST(Folds, AClassFromOneRecordingIsRefusedByTheGroupedProtocol) {
  auto dataset = synthetic_dataset(nullptr);
  for (auto& clip : dataset.clips)
    if (clip.category == "click") clip.src_file = "one-long-take";
  try {
    assign_folds(dataset, "grouped", 0, 3);
    ADD_FAILURE() << "a class of one group was accepted";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("synthetic.csv"), std::string::npos) << message;
    EXPECT_NE(message.find("'click'"), std::string::npos) << message;
    EXPECT_NE(message.find("one-long-take"), std::string::npos) << message;
  }
  dataset.has_folds = true;  // folds the user assigned are taken as given
  for (size_t i = 0; i < dataset.clips.size(); ++i) dataset.clips[i].fold = 1 + int(i % 2);
  EXPECT_EQ(assign_folds(dataset, "official", 0).fold_count, 2);
}

data::Dataset dataset_or_skip() {
  return data::load_esc50(test::esc50_dir());
}

TEST(Folds, GroupedProtocolOnEsc50KeepsSourcesTogether) {
  ESC50_REQUIRE_DATASET();
  const auto dataset = dataset_or_skip();
  std::vector<std::string> groups;
  for (const auto& c : dataset.clips) groups.push_back(c.src_file);
  const auto grouped = assign_folds(dataset, "grouped", 0);
  expect_groups_intact(groups, grouped.fold_of_clip);
  EXPECT_EQ(std::count_if(grouped.fold_of_clip.begin(), grouped.fold_of_clip.end(), [](int f) { return f > 0; }),
            400);  // meta/subset-folds.csv: fold 4's 400 clips
  // The official folds are the csv's (they do split 4 src_files, e.g. 131943 over folds 2
  // and 3: a property of ESC-50 itself, kept for comparability with published results).
  const auto official = assign_folds(dataset, "official", 0);
  for (size_t i = 0; i < dataset.clips.size(); ++i) EXPECT_EQ(official.fold_of_clip[i], dataset.clips[i].fold);
  EXPECT_THROW(assign_folds(dataset, "leave-one-out", 0), Error);
}

}  // namespace
}  // namespace esc50::train
