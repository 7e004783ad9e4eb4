#include <gtest/gtest.h>

#include "common/error.h"
#include "model/catalog.h"
#include "model/ensemble.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50::model {
namespace {

std::string ensemble_error_of(const std::vector<std::filesystem::path>& files) {
  try {
    combine_models(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Ensemble, KeepsEachMembersTensorsUnderItsOwnName) {
  test::TempDir dir;
  const auto a = test::write_tiny_model(dir / "a.esc50", 0), b = test::write_tiny_model(dir / "b.esc50", 1);
  const auto single = read_model_file(a);
  const auto ensemble = combine_models({a, b});
  EXPECT_EQ(ensemble.info.members, 2);
  EXPECT_EQ(ensemble.info.parameter_count, 2 * single.info.parameter_count);
  EXPECT_EQ(ensemble.info.class_names, single.info.class_names);
  const auto spec = find_architecture("tinycnn").spec(single.info.architecture_settings, 50);
  EXPECT_NO_THROW(check_tensors(ensemble.tensors, spec, 2));
  EXPECT_THROW(check_tensors(ensemble.tensors, spec, 1), Error);
  const auto second = member_tensors(ensemble.tensors, 1, 2);
  const auto b_tensors = read_model_file(b).tensors;
  ASSERT_EQ(second.size(), b_tensors.size());
  for (const auto& [name, tensor] : b_tensors) EXPECT_EQ(second.at(name).values, tensor.values) << name;
}

TEST(Ensemble, WrittenFileReadsBackAsOneModelWithEveryMember) {
  test::TempDir dir;
  const auto a = test::write_tiny_model(dir / "a.esc50", 0), b = test::write_tiny_model(dir / "b.esc50", 1);
  write_ensemble(dir / "ab.esc50", {a, b});
  const auto c = test::write_tiny_model(dir / "c.esc50", 2);
  const auto abc = write_ensemble(dir / "abc.esc50", {dir / "ab.esc50", c});
  EXPECT_EQ(abc.info.members, 3);
  const auto read = read_model_file(dir / "abc.esc50");
  EXPECT_EQ(read.info.members, 3);
  EXPECT_EQ(member_tensors(read.tensors, 2, 3).at("classifier.weight").values,
            read_model_file(c).tensors.at("classifier.weight").values);
  EXPECT_EQ(read.info.provenance.at("ensemble_of").size(), 2u);
}

TEST(Ensemble, RefusesMembersWithOtherClassesAndNamesTheFile) {
  test::TempDir dir;
  const auto a = test::write_tiny_model(dir / "a.esc50", 0);
  auto other = read_model_file(test::write_tiny_model(dir / "other.esc50", 1));
  other.info.class_names.back() = "another";
  write_model_file(dir / "other.esc50", other.info, other.tensors);
  const auto error = ensemble_error_of({a, dir / "other.esc50"});
  EXPECT_NE(error.find("other.esc50"), std::string::npos) << error;
  EXPECT_NE(error.find("class names"), std::string::npos) << error;
}

TEST(Ensemble, NeedsAtLeastTwoNetworks) {
  test::TempDir dir;
  const auto a = test::write_tiny_model(dir / "a.esc50", 0);
  EXPECT_NE(ensemble_error_of({a}).find("at least two networks"), std::string::npos) << ensemble_error_of({a});
  EXPECT_NE(ensemble_error_of({}).find("needs model files"), std::string::npos);
}

TEST(ModelInfo, FilesWrittenBeforeEnsemblesReadAsOneNetwork) {
  test::TempDir dir;
  auto j = model_info_to_json(read_model_file(test::write_tiny_model(dir / "a.esc50")).info);
  j.erase("members");
  EXPECT_EQ(model_info_from_json(j, "old.esc50").members, 1);
  j["members"] = 0;
  EXPECT_THROW(model_info_from_json(j, "bad.esc50"), Error);
}

}  // namespace
}  // namespace esc50::model
