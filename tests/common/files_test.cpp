#include <atomic>
#include <chrono>
#include <fstream>

#include "common/atomic_file.h"
#include "common/csv.h"
#include "common/error.h"
#include "common/npy.h"
#include "common/parallel.h"
#include "test_support.h"

namespace esc50 {
namespace {

TEST(AtomicFile, FailedWriterLeavesTheOldContentAndNoTemporary) {
  test::TempDir tmp;
  auto target = tmp / "report.json";
  write_file_atomic(target, "old");
  EXPECT_THROW(write_file_atomic(target,
                                 [](const std::filesystem::path& t) {
                                   std::ofstream(t) << "half";
                                   throw Error("disk full");
                                 }),
               Error);
  EXPECT_EQ(read_file(target), "old");
  for (const auto& e : std::filesystem::directory_iterator(tmp.path())) EXPECT_FALSE(is_atomic_temporary(e.path()));
}

TEST(AtomicFile, ADirectoryOrAFileInPlaceOfAFolderIsAnErrorNamingTheTarget) {
  test::TempDir tmp;
  std::filesystem::create_directories(tmp / "reports");
  std::ofstream(tmp / "plain") << "a file";
  for (const auto& target : {tmp / "reports", tmp / "plain" / "report.json"}) {
    try {
      write_file_atomic(target, "x");
      ADD_FAILURE() << target << " was written";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
    }
    EXPECT_THROW(require_writable(target), Error);
  }
  EXPECT_NO_THROW(require_writable(tmp / "new" / "report.json"));
}

// The feature cache compares an entry's time with its clip's: an entry must never be seen with
// the time of its writing, which a kill between writing and setting the time used to leave.
TEST(AtomicFile, AGivenModificationTimeIsThereWhenTheFileAppears) {
  test::TempDir dir;
  const std::filesystem::file_time_type when = std::chrono::time_point_cast<std::chrono::seconds>(
      std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 400));
  write_file_atomic(dir / "entry.npy", "bytes", when);
  EXPECT_EQ(read_file(dir / "entry.npy"), "bytes");
  EXPECT_EQ(std::filesystem::last_write_time(dir / "entry.npy"), when);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(SplitList, KeepsEmptyItemsForTheCallerToJudge) {
  EXPECT_EQ(split_list("a,b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_list("a,,b,"), (std::vector<std::string>{"a", "", "b", ""}));
  EXPECT_EQ(split_list(""), std::vector<std::string>{""});
  EXPECT_EQ(split_list("x=1;y", ';'), (std::vector<std::string>{"x=1", "y"}));
}

TEST(Npy, RoundTripAndRejectsTruncation) {
  test::TempDir tmp;
  std::vector<float> v{1, 2, 3, 4, 5, 6};
  write_npy(tmp / "a.npy", v, {2, 3});
  auto back = read_npy(tmp / "a.npy");
  EXPECT_EQ(back.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(back.values, v);
  auto bytes = encode_npy(v, {2, 3});
  EXPECT_EQ((bytes.size() - v.size() * sizeof(float)) % 64, 0u);  // header padded to 64 bytes
  EXPECT_THROW(decode_npy(bytes.substr(0, bytes.size() - 4), "cut.npy"), Error);
  EXPECT_THROW(decode_npy("not numpy", "x.npy"), Error);
}

// Found by bench/fuzz/fuzz_npy: dimensions whose digits or product overflow int64.
TEST(Npy, AbsurdShapesAreRejectedWithoutOverflow) {
  auto with_shape = [](const std::string& shape) {
    auto bytes = encode_npy(std::vector<float>(12, 1.0f), {3, 4});
    const auto at = bytes.find("(3,4)");
    return bytes.replace(at, 5, shape);
  };
  EXPECT_THROW(decode_npy(with_shape("(3, 466666666666666666666666)"), "huge.npy"), Error);
  EXPECT_THROW(decode_npy(with_shape("(4294967296, 4294967296, 4294967296)"), "product.npy"), Error);
  EXPECT_EQ(decode_npy(with_shape("(12,)"), "flat.npy").values.size(), 12u);
}

TEST(Parallel, RunsEveryIndexOnceAndRethrowsTheFirstError) {
  std::vector<std::atomic<int>> hits(1000);
  parallel_for(hits.size(), 4, [&](size_t i) { ++hits[i]; });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
  EXPECT_THROW(parallel_for(100, 2, [](size_t i) {
                 if (i == 50) throw Error("boom");
               }),
               Error);
}

}  // namespace
}  // namespace esc50
