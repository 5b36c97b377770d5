// Rotation, keys, offsets and failure handling of TopicPartitionWriter, against the in-memory
// object store and a clock the test controls (spec confluent-s3-sink.md §5).
#include "sink/topic_partition_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "connect/schema.h"
#include "writer_test_fixture.h"

namespace sluice::sink {
namespace {

using storage::ObjectStoreOp;
using test::TopicPartitionWriterTest;

TEST_F(TopicPartitionWriterTest, RotatesWhenFlushSizeReached) {
  RotationPolicy policy;
  policy.flush_size = 3;
  build(PartitionerOptions{}, policy);
  const char* values[] = {"a", "b", "c", "d", "e", "f", "g"};
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(writer_->write(record(100 + i, values[i]), 0).ok());
  ASSERT_TRUE(settle().ok());

  EXPECT_EQ(store_.keys(),
            (std::vector<std::string>{"topics/orders/partition=3/orders+3+0000000100.json",
                                      "topics/orders/partition=3/orders+3+0000000103.json"}));
  // StringConverter values become JSON string literals, one per line (spec §4.1).
  EXPECT_EQ(body("topics/orders/partition=3/orders+3+0000000100.json"), "\"a\"\n\"b\"\n\"c\"\n");
  EXPECT_EQ(body("topics/orders/partition=3/orders+3+0000000103.json"), "\"d\"\n\"e\"\n\"f\"\n");
  // Offset 106 is still in an open file: the committable offset is the last file boundary.
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(106));
  EXPECT_EQ(writer_->take_committable_offset(), std::nullopt);
  EXPECT_EQ(writer_->open_file_count(), 1u);
}

TEST_F(TopicPartitionWriterTest, SmallFilesUsePutObjectAndLargeOnesMultipartParts) {
  RotationPolicy policy;
  policy.flush_size = 4;
  build(PartitionerOptions{}, policy, std::nullopt, /*part_size=*/10);
  // Each line is 6 bytes ("xxx" and a newline).
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(writer_->write(record(i, "xxx"), 0).ok());
  ASSERT_TRUE(settle().ok());
  auto obj = store_.object("topics/orders/partition=3/orders+3+0000000000.json");
  ASSERT_TRUE(obj.has_value());
  EXPECT_EQ(obj->body, "\"xxx\"\n\"xxx\"\n\"xxx\"\n\"xxx\"\n");
  // 24 bytes in 10-byte parts: two full parts and a 4-byte last part.
  EXPECT_EQ(obj->part_count, 3);

  build(PartitionerOptions{}, policy, std::nullopt, /*part_size=*/1024);
  for (int i = 10; i < 14; ++i) ASSERT_TRUE(writer_->write(record(i, "y"), 0).ok());
  ASSERT_TRUE(settle().ok());
  auto small = store_.object("topics/orders/partition=3/orders+3+0000000010.json");
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->part_count, 0);  // one PutObject
  EXPECT_EQ(store_.open_upload_count(), 0u);
}

TEST_F(TopicPartitionWriterTest, MetricsCountOpenFilesPartsObjectsAndBytes) {
  RotationPolicy policy;
  policy.flush_size = 4;
  build(PartitionerOptions{}, policy, std::nullopt, /*part_size=*/10);
  std::shared_ptr<const PartitionMetrics> m = PartitionMetrics::detached();
  writer_->set_metrics(m);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer_->write(record(i, "xxx"), 0).ok());
  EXPECT_EQ(m->open_files->value(), 1);
  ASSERT_TRUE(writer_->write(record(3, "xxx"), 0).ok());  // flush.size: rotated
  EXPECT_EQ(m->open_files->value(), 0);
  ASSERT_TRUE(writer_->write(record(4, "y"), 0).ok());
  ASSERT_TRUE(writer_->write(record(5, "y"), 0).ok());
  ASSERT_TRUE(writer_->write(record(6, "y"), 0).ok());
  ASSERT_TRUE(writer_->write(record(7, "y"), 0).ok());
  ASSERT_TRUE(settle().ok());
  // 24 bytes in 10-byte parts (three UploadParts), then a 16-byte object in two parts (the last
  // one 6 bytes).
  EXPECT_EQ(m->objects_committed->value(), 2u);
  EXPECT_EQ(m->parts_uploaded->value(), 5u);
  uint64_t sizes = 0;
  for (const std::string& key : store_.keys()) sizes += body(key).size();
  EXPECT_EQ(sizes, 40u);
  EXPECT_EQ(m->bytes_written->value(), sizes);
  // A failed object counts nothing.
  store_.fail_next(ObjectStoreOp::kPutObject, Status::retriable("503 SlowDown"));
  ASSERT_TRUE(writer_->write(record(8, "z"), 0).ok());
  writer_->rotate_now(0);
  EXPECT_TRUE(settle().is_retriable());
  EXPECT_EQ(m->objects_committed->value(), 2u);
  EXPECT_EQ(m->bytes_written->value(), sizes);
}

TEST_F(TopicPartitionWriterTest, ScheduledRotationCutsIdleFilesOnTheWallClock) {
  RotationPolicy policy;
  policy.flush_size = 1000;
  policy.rotate_schedule_interval_ms = 60000;
  build(PartitionerOptions{}, policy);
  const int64_t t0 = 1'700'000'010'000;  // 10 s past a minute boundary in UTC
  ASSERT_TRUE(writer_->write(record(0, "a"), t0).ok());
  ASSERT_TRUE(writer_->write(record(1, "b"), t0 + 1000).ok());
  ASSERT_TRUE(settle(t0 + 2000).ok());
  EXPECT_EQ(store_.object_count(), 0u);  // not due yet
  // The schedule is aligned to the minute: at t0 + 50 s the files are cut without new records.
  ASSERT_TRUE(settle(t0 + 50'000).ok());
  EXPECT_EQ(store_.keys(),
            std::vector<std::string>{"topics/orders/partition=3/orders+3+0000000000.json"});
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(2));
}

TEST_F(TopicPartitionWriterTest, RecordTimeRotationWithTimeBasedPartitioner) {
  PartitionerOptions p;
  p.kind = PartitionerKind::kHourly;
  p.locale = "en";
  p.timezone = "UTC";
  RotationPolicy policy;
  policy.flush_size = 1000;
  policy.rotate_interval_ms = 600'000;  // 10 minutes of record time
  build(p, policy, TimestampExtractorKind::kRecord);
  const int64_t h = 1'700'000'000'000 - 1'700'000'000'000 % 3'600'000;  // 2023-11-14T22:00Z
  ASSERT_TRUE(writer_->write(record(0, "a", h + 1000), 0).ok());
  ASSERT_TRUE(writer_->write(record(1, "b", h + 300'000), 0).ok());
  ASSERT_TRUE(writer_->write(record(2, "c", h + 601'000), 0).ok());  // 10 min after the first
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.keys(),
            std::vector<std::string>{
                "topics/orders/year=2023/month=11/day=14/hour=22/orders+3+0000000000.json"});
  EXPECT_EQ(body("topics/orders/year=2023/month=11/day=14/hour=22/orders+3+0000000000.json"),
            "\"a\"\n\"b\"\n");
  // A record in the next hour changes the encoded partition: rotate.file.on.partition.change.
  ASSERT_TRUE(writer_->write(record(3, "d", h + 3'600'000), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.object_count(), 2u);
  EXPECT_TRUE(
      store_.object("topics/orders/year=2023/month=11/day=14/hour=22/orders+3+0000000002.json"));
}

TEST_F(TopicPartitionWriterTest, FailedUploadRewindsToLastDurableOffset) {
  RotationPolicy policy;
  policy.flush_size = 2;
  build(PartitionerOptions{}, policy);
  ASSERT_TRUE(writer_->write(record(50, "a"), 0).ok());
  ASSERT_TRUE(writer_->write(record(51, "b"), 0).ok());
  ASSERT_TRUE(settle().ok());
  store_.fail_next(ObjectStoreOp::kPutObject, Status::retriable("503 SlowDown"));
  ASSERT_TRUE(writer_->write(record(52, "c"), 0).ok());
  ASSERT_TRUE(writer_->write(record(53, "d"), 0).ok());
  Status st = settle();
  EXPECT_TRUE(st.is_retriable()) << st.to_string();
  EXPECT_EQ(writer_->reset(), 52);
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(52));
  // Re-reading from 52 rebuilds the same object under the same key.
  ASSERT_TRUE(writer_->write(record(52, "c"), 0).ok());
  ASSERT_TRUE(writer_->write(record(53, "d"), 0).ok());
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(body("topics/orders/partition=3/orders+3+0000000052.json"), "\"c\"\n\"d\"\n");
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(54));
}

TEST_F(TopicPartitionWriterTest, SkippedRecordsAdvanceTheOffsetWhenNothingIsOpen) {
  RotationPolicy policy;
  policy.flush_size = 1;
  build(PartitionerOptions{}, policy);
  ASSERT_TRUE(writer_->write(record(7, "a"), 0).ok());
  writer_->skip(8);
  writer_->skip(9);
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(10));
}

TEST_F(TopicPartitionWriterTest, MemoryStaysSmallWithThousandsOfOpenFiles) {
  PartitionerOptions p;
  p.kind = PartitionerKind::kHourly;
  p.locale = "en";
  p.timezone = "UTC";
  RotationPolicy policy;
  policy.flush_size = 100000;
  build(p, policy, TimestampExtractorKind::kRecord);
  const std::string value(100, 'v');
  for (int i = 0; i < 5000; ++i) {
    ASSERT_TRUE(writer_->write(record(i, value, int64_t{i} * 3'600'000), 0).ok());
  }
  EXPECT_EQ(writer_->open_file_count(), 5000u);
  // 1 KiB initial buffer per file, not s3.part.size (5 MiB here): 5000 files in ~5 MiB.
  EXPECT_EQ(budget_.used(), 5000u * 1024u);
}

TEST_F(TopicPartitionWriterTest, WallClockRotationIsRecordedBeforeUploadAndReplayedAfterACrash) {
  PartitionerOptions p;
  p.kind = PartitionerKind::kHourly;
  p.locale = "en";
  p.timezone = "UTC";
  RotationPolicy policy;
  policy.flush_size = 1000;
  policy.rotate_schedule_interval_ms = 60'000;
  policy.plan_rotations = true;
  struct Commit {
    int64_t offset;
    std::string metadata;
    std::vector<std::string> visible;
  };
  std::vector<Commit> commits;
  PlanCommitter committer = [&](const std::string& topic, int32_t partition, int64_t offset,
                                const std::string& metadata) {
    EXPECT_EQ(topic, "orders");
    EXPECT_EQ(partition, 3);
    commits.push_back({offset, metadata, store_.keys()});
    return Status::ok_status();
  };
  build(p, policy, TimestampExtractorKind::kWallclock, 5 * 1024 * 1024, committer);
  const int64_t t0 = 1'700'000'000'000 - 1'700'000'000'000 % 3'600'000 + 3'590'000;  // 22:59:50
  // Offsets 20..24 at 22:59:50 go to hour=22, 25..27 ten seconds later to hour=23: the wall
  // clock decides both the directories and (with the minute schedule) where the files end.
  for (int i = 20; i < 25; ++i) ASSERT_TRUE(writer_->write(record(i, "a"), t0).ok());
  ASSERT_TRUE(writer_->write(record(25, "b"), t0 + 10'000).ok());  // 23:00:00: schedule is due
  for (int i = 26; i < 28; ++i) ASSERT_TRUE(writer_->write(record(i, "b"), t0 + 10'000).ok());
  ASSERT_TRUE(settle(t0 + 70'000).ok());  // 23:01:00: the second rotation
  const std::string k22 =
      "topics/orders/year=2023/month=11/day=14/hour=22/orders+3+0000000020.json";
  const std::string k23 =
      "topics/orders/year=2023/month=11/day=14/hour=23/orders+3+0000000025.json";
  ASSERT_EQ(store_.keys(), (std::vector<std::string>{k22, k23}));
  // Each plan went to Kafka before any of its objects existed.
  ASSERT_EQ(commits.size(), 2u);
  EXPECT_TRUE(commits[0].visible.empty());
  EXPECT_EQ(std::count(commits[1].visible.begin(), commits[1].visible.end(), k23), 0);
  Result<std::vector<RotationPlan>> first = decode_rotation_plans(commits[0].metadata);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].begin_offset, 20);
  EXPECT_EQ((*first)[0].end_offset, 25);
  // The record that found the schedule due (25) cut the first rotation and begins the second.
  Result<std::vector<RotationPlan>> second = decode_rotation_plans(commits[1].metadata);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->back().begin_offset, 25);
  EXPECT_EQ(second->back().end_offset, 28);

  // A crash after both plans were recorded but, say, before the offsets moved: the next owner
  // reads from offset 20 an hour later, replays the plans and writes the very same objects.
  Result<std::vector<RotationPlan>> both = decode_rotation_plans(
      encode_rotation_plans({(*first)[0], (*decode_rotation_plans(commits[1].metadata)).back()}));
  ASSERT_TRUE(both.ok());
  store_.clear();
  commits.clear();
  build(p, policy, TimestampExtractorKind::kWallclock, 5 * 1024 * 1024, committer);
  writer_->set_replay_plans(*both);
  const int64_t later = t0 + 3'600'000;
  for (int i = 20; i < 25; ++i) ASSERT_TRUE(writer_->write(record(i, "a"), later).ok());
  for (int i = 25; i < 28; ++i) ASSERT_TRUE(writer_->write(record(i, "b"), later).ok());
  ASSERT_TRUE(settle(later).ok());
  EXPECT_EQ(store_.keys(), (std::vector<std::string>{k22, k23}));
  EXPECT_EQ(body(k22), "\"a\"\n\"a\"\n\"a\"\n\"a\"\n\"a\"\n");
  EXPECT_EQ(body(k23), "\"b\"\n\"b\"\n\"b\"\n");
  EXPECT_TRUE(commits.empty());  // replayed plans are already in Kafka
  EXPECT_FALSE(writer_->replaying());
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(28));
  // After the replay, new records are cut by the clock again (hour=00 of the next day here).
  ASSERT_TRUE(writer_->write(record(28, "c"), later + 3'600'000).ok());
  EXPECT_EQ(writer_->open_file_count(), 1u);
}

// A rotation whose plan Kafka refuses to record (a commit during a rebalance: ILLEGAL_GENERATION,
// REBALANCE_IN_PROGRESS) drops its files. Their records must not count as durable, not even as
// "skipped" records after the last file, and records after them must not start a file: the task
// rewinds to the offset reset() returns and writes them again.
TEST_F(TopicPartitionWriterTest, ARotationWhosePlanCannotBeRecordedMakesNothingDurable) {
  PartitionerOptions p;
  p.kind = PartitionerKind::kTimeBased;
  p.path_format = "'t'=HHmm";
  p.partition_duration_ms = 60'000;
  p.locale = "en";
  p.timezone = "UTC";
  RotationPolicy policy;
  policy.flush_size = 4;
  policy.rotate_schedule_interval_ms = 60'000;
  policy.plan_rotations = true;
  int refusals = 2;
  std::vector<int64_t> committed;
  PlanCommitter committer = [&](const std::string&, int32_t, int64_t offset, const std::string&) {
    if (refusals > 0) {
      --refusals;
      return Status::retriable("Kafka offset commit: Broker: Group rebalance in progress");
    }
    committed.push_back(offset);
    return Status::ok_status();
  };
  build(p, policy, TimestampExtractorKind::kWallclock, 5 * 1024 * 1024, committer);
  const int64_t t0 = 1'700'000'000'000 - 1'700'000'000'000 % 60'000;

  // The scheduled rotation fails on a tick.
  for (int i = 20; i < 23; ++i) ASSERT_TRUE(writer_->write(record(i, "a"), t0).ok());
  Status failed = writer_->tick(t0 + 60'000);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.is_retriable());
  EXPECT_EQ(writer_->committable_offset(), std::nullopt);
  EXPECT_EQ(writer_->open_file_count(), 0u);
  EXPECT_EQ(writer_->reset(), 20);

  // The flush-size rotation fails inside write(): later records of the batch are not kept.
  for (int i = 20; i < 24; ++i) ASSERT_TRUE(writer_->write(record(i, "a"), t0 + 61'000).ok());
  ASSERT_TRUE(writer_->write(record(24, "b"), t0 + 61'000).ok());
  EXPECT_EQ(writer_->open_file_count(), 0u);
  ASSERT_FALSE(writer_->tick(t0 + 61'000).ok());
  EXPECT_EQ(writer_->committable_offset(), std::nullopt);
  EXPECT_EQ(writer_->reset(), 20);
  EXPECT_TRUE(store_.keys().empty());

  // Kafka takes the plans again: every record lands once, from offset 20 on.
  for (int i = 20; i < 24; ++i) ASSERT_TRUE(writer_->write(record(i, "a"), t0 + 62'000).ok());
  ASSERT_TRUE(writer_->write(record(24, "b"), t0 + 62'000).ok());
  ASSERT_TRUE(settle(t0 + 120'000).ok());
  EXPECT_EQ(store_.keys(),
            (std::vector<std::string>{"topics/orders/t=2214/orders+3+0000000020.json",
                                      "topics/orders/t=2214/orders+3+0000000024.json"}));
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(25));
}

TEST_F(TopicPartitionWriterTest, KeysAndHeadersFilesSitNextToTheValueFileAndTombstonesGetKeysOnly) {
  PartitionerOptions p;
  p.write_tombstones = true;  // behavior.on.null.values=write (spec §3.2, §4.6)
  RotationPolicy policy;
  policy.flush_size = 3;
  auto keys_format =
      std::move(format::make_record_writer_provider(format::FormatClass::kJson, {})).value();
  auto headers_format =
      std::move(format::make_record_writer_provider(format::FormatClass::kJson, {})).value();
  build(p, policy);
  services_.keys_format = keys_format.get();
  services_.headers_format = headers_format.get();
  services_.tombstone_partition = "tombstone";
  writer_ = std::make_unique<TopicPartitionWriter>(services_, "orders", 3);

  connect::Header header{"trace", connect::Schema::optional_string(), connect::Value::string("t1")};
  auto keyed = [&](int64_t offset, std::optional<std::string_view> value) {
    connect::SinkRecord r = record(offset, value.value_or(""));
    if (!value) r.value = connect::Value::null();
    r.key_schema = connect::Schema::optional_string();
    r.key = connect::Value::string(offset == 0 ? "k0" : "kx");
    r.headers = std::span<const connect::Header>(&header, 1);
    return r;
  };
  ASSERT_TRUE(writer_->write(keyed(0, "a"), 0).ok());
  ASSERT_TRUE(writer_->write(keyed(1, std::nullopt), 0).ok());  // a tombstone
  ASSERT_TRUE(writer_->write(keyed(2, "c"), 0).ok());
  ASSERT_TRUE(settle().ok());
  const std::string base = "topics/orders/partition=3/orders+3+0000000000";
  const std::string tomb = "topics/orders/tombstone/orders+3+0000000001";
  EXPECT_EQ(store_.keys(),
            (std::vector<std::string>{base + ".headers.json", base + ".json", base + ".keys.json",
                                      tomb + ".headers.json", tomb + ".keys.json"}));
  EXPECT_EQ(body(base + ".json"), "\"a\"\n\"c\"\n");
  EXPECT_EQ(body(base + ".keys.json"), "\"k0\"\n\"kx\"\n");
  EXPECT_EQ(body(base + ".headers.json"),
            "{\"headers\":[{\"key\":\"trace\",\"value\":\"t1\"}]}\n"
            "{\"headers\":[{\"key\":\"trace\",\"value\":\"t1\"}]}\n");
  EXPECT_EQ(body(tomb + ".keys.json"), "\"kx\"\n");
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(3));

  // A null key cannot be stored: a data error before anything is written, objects stay aligned.
  connect::SinkRecord no_key = keyed(3, "d");
  no_key.key = connect::Value::null();
  EXPECT_EQ(writer_->write(no_key, 0).code(), StatusCode::kDataError);
  EXPECT_EQ(writer_->open_file_count(), 0u);
}

TEST(RotationPlanTest, EncodesAndDecodesAnyPartitionBytes) {
  RotationPlan a{100,
                 250,
                 {"year=2024/month=05", std::string("odd;|\0bytes", 12)},
                 {{100, 0}, {180, 1}, {200, 0}}};
  RotationPlan b{250, 251, {"x"}, {{250, 0}}};
  Result<std::vector<RotationPlan>> decoded = decode_rotation_plans(encode_rotation_plans({a, b}));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (std::vector<RotationPlan>{a, b}));
  EXPECT_EQ(a.partition_for(99), -1);
  EXPECT_EQ(a.partition_for(190), 1);
  EXPECT_EQ(a.partition_for(249), 0);
  // Metadata that sluice did not write means "no plans"; damaged metadata of ours is an error.
  EXPECT_TRUE(decode_rotation_plans("")->empty());
  EXPECT_TRUE(decode_rotation_plans("written by someone else")->empty());
  EXPECT_EQ(decode_rotation_plans("sluice-plan-v1;1;5;").status().code(), StatusCode::kFatal);
  EXPECT_EQ(encode_rotation_plans({}), "");
}

}  // namespace
}  // namespace sluice::sink
