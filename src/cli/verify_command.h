// `sluice verify`: audits what the sink wrote under topics.dir against the topic in Kafka.
//
// For each topic it lists the objects under [topics.dir + D] + topic + D (ListObjectsV2 through
// the connector's S3 settings), reads each values object's Kafka partition and start offset from
// its key (cli/verify_object_key.h) and its record count from its bytes
// (cli/verify_record_count.h), asks Kafka for each partition's log start, high watermark and the
// group connect-<name>'s committed offset (cli/verify_kafka_offsets.h), and prints per partition
// the covered ranges, every gap and duplicate with the keys around it, and a summary
// (cli/verify_coverage.h says what the key-and-count model can and cannot tell).
// Runs on the main thread; reads only (no object is written, no offset committed).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/checked_config.h"

namespace sluice::cli {

struct VerifyOptions {
  std::vector<std::string> topics;  // --topic; empty: the connector's `topics`
  bool allow_gaps = false;          // --allow-gaps: gaps are listed but do not fail
};

// Exit code: kExitOk when every checked offset is in exactly one object (gaps allowed with
// allow_gaps), kExitRuntimeFailure when gaps or duplicates were found or S3 or Kafka failed,
// kExitBadUsage for a configuration that `sluice run` would refuse.
int run_verify(CheckedConfig checked, const VerifyOptions& options, std::ostream& out);

}  // namespace sluice::cli
