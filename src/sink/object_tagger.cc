#include "sink/object_tagger.h"

#include <algorithm>
#include <thread>

#include "util/log.h"

namespace sluice::sink {

ObjectTagger::ObjectTagger(TaggingOptions options) : options_(std::move(options)) {
  options_.attempts = std::max(1, options_.attempts);
  if (options_.backoff.count() < 0) options_.backoff = std::chrono::milliseconds(0);
}

storage::ObjectTags ObjectTagger::tags_for(int64_t start_offset, int64_t end_offset,
                                           int64_t record_count) const {
  storage::ObjectTags tags = {{"startOffset", std::to_string(start_offset)},
                              {"endOffset", std::to_string(end_offset)},
                              {"recordCount", std::to_string(record_count)}};
  for (const auto& [name, value] : options_.extra_tags) {
    auto same = std::find_if(tags.begin(), tags.end(),
                             [&name](const auto& tag) { return tag.first == name; });
    if (same != tags.end()) {
      same->second = value;
    } else {
      tags.emplace_back(name, value);
    }
  }
  return tags;
}

Status ObjectTagger::tag(storage::ObjectStore& store, const std::string& key, int64_t start_offset,
                         int64_t end_offset, int64_t record_count) const {
  const storage::ObjectTags tags = tags_for(start_offset, end_offset, record_count);
  Status last;
  std::chrono::milliseconds wait = options_.backoff;
  for (int attempt = 1; attempt <= options_.attempts; ++attempt) {
    if (attempt > 1) {
      if (options_.sleep) {
        options_.sleep(wait);
      } else {
        std::this_thread::sleep_for(wait);
      }
      wait *= 2;
    }
    last = store.put_object_tagging(key, tags);
    if (last.ok()) return last;
  }
  if (options_.fail_on_error) {
    return Status::fatal("Unable to tag S3 object " + key + " after " +
                         std::to_string(options_.attempts) + " attempt(s) " +
                         "(s3.object.behavior.on.tagging.error=fail): " + last.message());
  }
  SLUICE_LOG(kSink).warn(
      "Unable to tag S3 object {} after {} attempt(s); ignoring it "
      "(s3.object.behavior.on.tagging.error=ignore): {}",
      key, options_.attempts, last.message());
  return Status::ok_status();
}

}  // namespace sluice::sink
