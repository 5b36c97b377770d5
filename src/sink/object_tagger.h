// ObjectTagger: tags a value file once it is durable (s3.object.tagging), as the Java connector
// does after committing it (spec confluent-s3-sink.md §5.6): startOffset, endOffset (the offset
// of the file's last record), recordCount, then the extra pairs of
// s3.object.tagging.key.value.pairs. PutObjectTagging is tried s3.part.retries times (attempts
// including the first, at least one), waiting s3.retry.backoff.ms before the second attempt and
// twice as long before each later one (no jitter). A failure that outlasts the attempts is
// logged and ignored (s3.object.behavior.on.tagging.error=ignore) or returned as kFatal (fail).
//
// Owned by the connector (one per configuration), shared read-only by every writer; tag() runs
// on upload threads with the thread's own ObjectStore.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "storage/object_store.h"
#include "util/status.h"

namespace sluice::sink {

struct TaggingOptions {
  storage::ObjectTags extra_tags;          // s3.object.tagging.key.value.pairs, in order
  int attempts = 3;                        // s3.part.retries
  std::chrono::milliseconds backoff{200};  // s3.retry.backoff.ms
  bool fail_on_error = false;              // s3.object.behavior.on.tagging.error=fail
  // Waits between attempts; empty = std::this_thread::sleep_for (tests replace it).
  std::function<void(std::chrono::milliseconds)> sleep;
};

class ObjectTagger {
 public:
  explicit ObjectTagger(TaggingOptions options);

  // The tag set of a file: the three offsets tags first, then the extra pairs. An extra pair
  // whose key is one of the three replaces it (S3 refuses a tag set with a key twice).
  storage::ObjectTags tags_for(int64_t start_offset, int64_t end_offset,
                               int64_t record_count) const;

  // Tags `key`. OK on success and, with the ignore policy, after a logged failure; kFatal naming
  // the key, the attempts and the last error with the fail policy.
  Status tag(storage::ObjectStore& store, const std::string& key, int64_t start_offset,
             int64_t end_offset, int64_t record_count) const;

  const TaggingOptions& options() const { return options_; }

 private:
  TaggingOptions options_;
};

}  // namespace sluice::sink
