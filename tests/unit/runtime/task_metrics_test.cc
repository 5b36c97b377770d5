// TaskMetrics: which series a task shows for its partitions, and when they go.
#include "runtime/task_metrics.h"

#include <gtest/gtest.h>

namespace sluice::runtime {
namespace {

bool has(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(TaskMetricsTest, PartitionSeriesLiveFromAssignmentToRevocation) {
  metrics::Registry registry;
  {
    TaskMetrics task(registry, "s3-sink", 2);
    std::shared_ptr<const sink::PartitionMetrics> p0 = task.assign({"orders", 0});
    std::shared_ptr<const sink::PartitionMetrics> p1 = task.assign({"orders", 1});
    p0->records_consumed->inc(5);
    EXPECT_EQ(registry.render().find("sluice_consumer_lag_records{"), std::string::npos);
    task.set_consumer_lag({"orders", 0}, 7);
    task.set_consumer_lag({"orders", 9}, 3);  // not assigned: ignored
    p1->records_written->inc(2);
    task.commit_succeeded();
    std::string text = registry.render();
    const std::string l0 = "{connector=\"s3-sink\",task=\"2\",topic=\"orders\",partition=\"0\"}";
    const std::string l1 = "{connector=\"s3-sink\",task=\"2\",topic=\"orders\",partition=\"1\"}";
    const std::string t = "{connector=\"s3-sink\",task=\"2\"}";
    EXPECT_TRUE(has(text, "sluice_records_consumed_total" + l0 + " 5")) << text;
    EXPECT_TRUE(has(text, "sluice_consumer_lag_records" + l0 + " 7"));
    EXPECT_EQ(text.find("partition=\"9\""), std::string::npos);
    EXPECT_EQ(text.find("sluice_consumer_lag_records" + l1), std::string::npos);
    EXPECT_TRUE(has(text, "sluice_records_written_total" + l1 + " 2"));
    EXPECT_TRUE(has(text, "sluice_task_partitions" + t + " 2"));
    EXPECT_TRUE(has(text, "sluice_offset_commits_total" + t + " 1"));
    EXPECT_NE(text.find("sluice_offset_commit_age_seconds" + t + " "), std::string::npos);

    task.revoke({"orders", 0});
    text = registry.render();
    EXPECT_EQ(text.find(l0), std::string::npos);
    EXPECT_TRUE(has(text, "sluice_records_written_total" + l1 + " 2"));
    EXPECT_TRUE(has(text, "sluice_task_partitions" + t + " 1"));
    // Assigned again: counted from zero.
    std::shared_ptr<const sink::PartitionMetrics> again = task.assign({"orders", 0});
    EXPECT_NE(again->records_consumed, p0->records_consumed);
    EXPECT_TRUE(has(registry.render(), "sluice_records_consumed_total" + l0 + " 0"));
    EXPECT_EQ(registry.render().find("sluice_consumer_lag_records" + l0), std::string::npos);
  }
  // The task is gone: none of its series are left.
  EXPECT_EQ(registry.render().find("s3-sink"), std::string::npos);
}

}  // namespace
}  // namespace sluice::runtime
