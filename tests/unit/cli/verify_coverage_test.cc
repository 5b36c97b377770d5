// The coverage arithmetic of `sluice verify`: covered ranges, gaps split by the log start and the
// committed offset, duplicates with their keys, uncounted objects and interleaved partitions.
#include "cli/verify_coverage.h"

#include <gtest/gtest.h>

namespace sluice::cli {
namespace {

CoveredObject obj(std::string key, int64_t start, std::optional<int64_t> records,
                  std::string path = "partition=0") {
  return CoveredObject{std::move(key), std::move(path), start, records};
}

TEST(VerifyCoverage, ContiguousObjectsAreClean) {
  PartitionCoverage c =
      compute_coverage({obj("b", 50, 50), obj("a", 0, 50)}, PartitionOffsets{0, 100, 100});
  EXPECT_EQ(c.covered, (std::vector<OffsetRange>{{0, 100}}));
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_TRUE(c.duplicates.empty());
  EXPECT_EQ(c.records, 100);
  EXPECT_EQ(c.missing_offsets(), 0);
  EXPECT_EQ(c.duplicate_offsets(), 0);
}

TEST(VerifyCoverage, MissingObjectIsAGapBetweenItsNeighbours) {
  PartitionCoverage c =
      compute_coverage({obj("a", 0, 10), obj("c", 20, 10)}, PartitionOffsets{0, 30, 30});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{10, 20}));
  EXPECT_EQ(c.gaps[0].kind, GapKind::kMissing);
  EXPECT_EQ(c.gaps[0].key_before, "a");
  EXPECT_EQ(c.gaps[0].key_after, "c");
  EXPECT_EQ(c.missing_offsets(), 10);
  EXPECT_EQ(c.covered, (std::vector<OffsetRange>{{0, 10}, {20, 30}}));
}

TEST(VerifyCoverage, GapsAreSplitByLogStartAndCommittedOffset) {
  // Objects 0-9 and 40-49; the log starts at 5 (retention); committed 45, high watermark 60.
  PartitionCoverage c =
      compute_coverage({obj("a", 0, 10), obj("b", 40, 10)}, PartitionOffsets{5, 60, 45});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{10, 40}));
  EXPECT_EQ(c.gaps[0].kind, GapKind::kMissing);

  // Nothing written yet past 10, committed 10: the rest is not committed, not missing.
  c = compute_coverage({obj("a", 0, 10)}, PartitionOffsets{0, 60, 10});
  EXPECT_TRUE(c.gaps.empty());
  // With no committed offset, up to the high watermark.
  c = compute_coverage({obj("a", 0, 10)}, PartitionOffsets{0, 60, std::nullopt});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{10, 60}));
  EXPECT_EQ(c.gaps[0].key_before, "a");
  EXPECT_EQ(c.gaps[0].key_after, "");

  // A hole between two objects straddling the log start and the committed offset.
  c = compute_coverage({obj("a", 0, 10), obj("b", 50, 10)}, PartitionOffsets{20, 60, 30});
  ASSERT_EQ(c.gaps.size(), 3u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{10, 20}));
  EXPECT_EQ(c.gaps[0].kind, GapKind::kBelowLogStart);
  EXPECT_EQ(c.gaps[1].range, (OffsetRange{20, 30}));
  EXPECT_EQ(c.gaps[1].kind, GapKind::kMissing);
  EXPECT_EQ(c.gaps[2].range, (OffsetRange{30, 50}));
  EXPECT_EQ(c.gaps[2].kind, GapKind::kNotCommitted);
  EXPECT_EQ(c.missing_offsets(), 10);
}

TEST(VerifyCoverage, NoObjectsAtAllIsOneGap) {
  PartitionCoverage c = compute_coverage({}, PartitionOffsets{3, 9, 9});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{3, 9}));
  EXPECT_TRUE(c.covered.empty());
  // An empty partition is clean.
  EXPECT_TRUE(compute_coverage({}, PartitionOffsets{0, 0, std::nullopt}).gaps.empty());
}

TEST(VerifyCoverage, CopyUnderAnotherOffsetIsADuplicateWithBothKeys) {
  // "a" (0-9) copied as "a2" starting at 5: offsets 5-9 are in two objects, 10-14 extra.
  PartitionCoverage c = compute_coverage({obj("a", 0, 10), obj("a2", 5, 10), obj("b", 10, 10)},
                                         PartitionOffsets{0, 20, 20});
  ASSERT_EQ(c.duplicates.size(), 2u);
  EXPECT_EQ(c.duplicates[0].range, (OffsetRange{5, 10}));
  EXPECT_EQ(c.duplicates[0].first_key, "a");
  EXPECT_EQ(c.duplicates[0].second_key, "a2");
  EXPECT_EQ(c.duplicates[1].range, (OffsetRange{10, 15}));
  EXPECT_EQ(c.duplicates[1].first_key, "a2");
  EXPECT_EQ(c.duplicates[1].second_key, "b");
  EXPECT_EQ(c.duplicate_offsets(), 10);
  EXPECT_TRUE(c.gaps.empty());
}

TEST(VerifyCoverage, SameStartTwiceIsADuplicate) {
  PartitionCoverage c = compute_coverage({obj("x.json", 0, 10), obj("x.json.gz", 0, 10)},
                                         PartitionOffsets{0, 10, 10});
  ASSERT_EQ(c.duplicates.size(), 1u);
  EXPECT_EQ(c.duplicates[0].range, (OffsetRange{0, 10}));
}

TEST(VerifyCoverage, DroppedRecordsShowAsAGapAfterTheirObject) {
  // "a" starts at 0 and holds 8 records (2 filtered); "b" starts at 10.
  PartitionCoverage c =
      compute_coverage({obj("a", 0, 8), obj("b", 10, 10)}, PartitionOffsets{0, 20, 20});
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].range, (OffsetRange{8, 10}));
  EXPECT_EQ(c.gaps[0].key_before, "a");
}

TEST(VerifyCoverage, UpperBoundCountsStopAtTheNextStart) {
  CoveredObject a = obj("a", 0, 47);
  a.records_upper_bound = true;
  CoveredObject b = obj("b", 40, 45);
  b.records_upper_bound = true;
  PartitionCoverage c = compute_coverage({a, b}, PartitionOffsets{0, 80, 80});
  EXPECT_TRUE(c.duplicates.empty());
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_EQ(c.upper_bound_objects, 2);
  EXPECT_EQ(c.covered, (std::vector<OffsetRange>{{0, 80}}));  // no further than the log
}

TEST(VerifyCoverage, UncountedObjectReachesTheNextStart) {
  PartitionCoverage c =
      compute_coverage({obj("a", 0, std::nullopt), obj("b", 10, 10)}, PartitionOffsets{0, 20, 20});
  EXPECT_EQ(c.uncounted_objects, 1);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_EQ(c.covered, (std::vector<OffsetRange>{{0, 20}}));
}

TEST(VerifyCoverage, InterleavedPartitionsCompareCounts) {
  // Field partitioner: even offsets under f=a, odd ones under f=b.
  PartitionOffsets offsets{0, 10, 10};
  PartitionCoverage c = compute_coverage({obj("a", 0, 5, "f=a"), obj("b", 1, 5, "f=b")}, offsets);
  EXPECT_TRUE(c.interleaved);
  EXPECT_TRUE(c.covered.empty());
  EXPECT_TRUE(c.duplicates.empty());
  EXPECT_EQ(c.missing_offsets(), 0);
  EXPECT_EQ(c.duplicate_offsets(), 0);

  c = compute_coverage({obj("a", 0, 5, "f=a"), obj("b", 1, 3, "f=b")}, offsets);
  EXPECT_EQ(c.missing_offsets(), 2);
  // Objects of the first offsets still in the log are gone: counted from the log start.
  c = compute_coverage({obj("a", 4, 3, "f=a"), obj("b", 5, 3, "f=b")}, offsets);
  EXPECT_TRUE(c.interleaved);
  EXPECT_EQ(c.interleaved_offsets, 10);
  EXPECT_EQ(c.missing_offsets(), 4);

  c = compute_coverage({obj("a", 0, 5, "f=a"), obj("b", 1, 5, "f=b"), obj("b2", 1, 5, "f=b")},
                       offsets);
  ASSERT_EQ(c.duplicates.size(), 1u);
  EXPECT_EQ(c.duplicates[0].first_key, "b");
  EXPECT_EQ(c.duplicates[0].second_key, "b2");
  EXPECT_EQ(c.duplicate_offsets(), 5);
}

TEST(VerifyCoverage, SeveralPathsInTurnAreNotInterleaved) {
  // Hourly partitioner, records in time order: paths change but objects do not overlap.
  PartitionCoverage c = compute_coverage({obj("h1", 0, 5, "hour=01"), obj("h2", 5, 5, "hour=02")},
                                         PartitionOffsets{0, 10, 10});
  EXPECT_FALSE(c.interleaved);
  EXPECT_TRUE(c.gaps.empty());
}

}  // namespace
}  // namespace sluice::cli
