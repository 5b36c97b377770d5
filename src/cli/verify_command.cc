#include "cli/verify_command.h"

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/app.h"
#include "cli/verify_coverage.h"
#include "cli/verify_kafka_offsets.h"
#include "cli/verify_object_key.h"
#include "cli/verify_record_count.h"
#include "runtime/connector_runtime.h"
#include "storage/object_store.h"

namespace sluice::cli {

namespace {

constexpr std::chrono::milliseconds kKafkaTimeout{30000};

// The objects of one topic, by Kafka partition.
struct TopicObjects {
  std::map<int32_t, std::vector<CoveredObject>> by_partition;
  std::vector<std::string> foreign_keys;  // under the prefix, not of the sink's shape
  int64_t view_files = 0;                 // .keys / .headers files, not counted
};

Result<TopicObjects> collect_objects(storage::ObjectStore& store,
                                     const sink::ObjectKeyLayout& layout, const std::string& topic,
                                     const std::string& separator, std::ostream& out) {
  TopicObjects objects;
  const std::string prefix = topic_object_prefix(layout, topic);
  std::string token;
  do {
    SLUICE_ASSIGN_OR_RETURN(storage::ListPage page, store.list_objects(prefix, token));
    for (const storage::ObjectInfo& info : page.objects) {
      std::optional<ParsedObjectKey> parsed = parse_object_key(layout, topic, info.key);
      if (!parsed) {
        objects.foreign_keys.push_back(info.key);
        continue;
      }
      if (parsed->view != ObjectView::kValues) {
        ++objects.view_files;
        continue;
      }
      CoveredObject object{info.key, parsed->encoded_partition, parsed->start_offset, std::nullopt,
                           count_is_upper_bound(parsed->extension)};
      Result<std::string> body = store.get_object(info.key);
      if (!body.ok()) return body.status();
      Result<int64_t> count = count_records(parsed->extension, *body, separator);
      if (count.ok()) {
        object.records = *count;
      } else {
        out << "  cannot count the records of " << info.key << ": " << count.status().message()
            << " (taken to reach the next object's start offset)\n";
      }
      objects.by_partition[parsed->kafka_partition].push_back(std::move(object));
    }
    token = page.next_continuation_token;
  } while (!token.empty());
  return objects;
}

std::string range_text(const OffsetRange& r) {
  return r.size() == 1 ? std::to_string(r.first)
                       : std::to_string(r.first) + "-" + std::to_string(r.end - 1);
}

struct Totals {
  int64_t partitions = 0;
  int64_t objects = 0;
  int64_t records = 0;
  int64_t gaps = 0;
  int64_t missing = 0;
  int64_t duplicates = 0;
  int64_t duplicated = 0;
  int64_t interleaved_partitions = 0;  // checked by record count only
  int64_t upper_bound_objects = 0;
};

void print_partition(const std::string& topic, int32_t partition, const PartitionOffsets& offsets,
                     const PartitionCoverage& c, const std::string& group, std::ostream& out) {
  out << topic << "-" << partition << ": log start " << offsets.log_start << ", high watermark "
      << offsets.high_watermark << ", committed ";
  if (offsets.committed) {
    out << *offsets.committed << " (" << group << ")";
  } else {
    out << "none (" << group << " has no offset: checked up to the high watermark)";
  }
  out << "; " << c.objects << " object(s), " << (c.upper_bound_objects > 0 ? "at most " : "")
      << c.records << " record(s)\n";
  if (c.upper_bound_objects > 0) {
    out << "  (" << c.upper_bound_objects << " ByteArray object(s): a value holding the separator "
        << "counts twice, so each is taken to end at the next object's start at the latest)\n";
  }
  out << "  covered:";
  if (c.interleaved) out << " not placed (interleaved objects, see below)";
  if (c.covered.empty() && !c.interleaved) out << " nothing";
  for (const OffsetRange& r : c.covered) out << " " << range_text(r);
  out << "\n";
  for (const Gap& g : c.gaps) {
    out << "  GAP " << range_text(g.range) << " (" << g.range.size() << " offset(s), "
        << gap_kind_name(g.kind) << ")";
    if (!g.key_before.empty()) out << " after " << g.key_before;
    if (!g.key_after.empty())
      out << (g.key_before.empty() ? " before " : ", before ") << g.key_after;
    out << "\n";
  }
  for (const Duplicate& d : c.duplicates) {
    out << "  DUPLICATE " << range_text(d.range) << " (" << d.range.size() << " offset(s)) in "
        << d.first_key << " and " << d.second_key << "\n";
  }
  if (c.interleaved) {
    out << "  interleaved: objects of several encoded partitions overlap, so a record count "
           "does not place their offsets; "
        << c.records << " record(s) for " << c.interleaved_offsets << " offset(s) up to "
        << c.checked_end;
    if (c.records < c.interleaved_offsets) {
      out << ": " << c.missing_offsets() << " missing";
    } else if (c.records > c.interleaved_offsets) {
      out << ": " << (c.records - c.interleaved_offsets) << " too many (duplicates)";
    }
    out << "\n";
  }
}

Status verify_topic(storage::ObjectStore& store, const config::WorkerConfig& worker,
                    const config::S3SinkConnectorConfig& connector, const std::string& topic,
                    std::ostream& out, Totals* totals) {
  sink::ObjectKeyLayout layout{connector.topics_dir(), connector.directory_delim(),
                               connector.file_delim(), connector.filename_offset_zero_pad_width()};
  using OffsetsByPartition = std::map<int32_t, PartitionOffsets>;
  SLUICE_ASSIGN_OR_RETURN(OffsetsByPartition offsets,
                          read_topic_offsets(worker, connector, topic, kKafkaTimeout));
  SLUICE_ASSIGN_OR_RETURN(
      TopicObjects objects,
      collect_objects(store, layout, topic, connector.format_bytearray_separator(), out));
  for (const std::string& key : objects.foreign_keys) {
    out << "  not a key of the sink's layout (ignored): " << key << "\n";
  }
  for (const auto& [partition, list] : objects.by_partition) {
    if (!offsets.contains(partition)) {
      out << topic << "-" << partition << ": " << list.size()
          << " object(s) of a partition the topic does not have (not checked)\n";
    }
  }
  for (const auto& [partition, partition_offsets] : offsets) {
    std::vector<CoveredObject> list;
    if (auto it = objects.by_partition.find(partition); it != objects.by_partition.end()) {
      list = std::move(it->second);
    }
    PartitionCoverage c = compute_coverage(std::move(list), partition_offsets);
    print_partition(topic, partition, partition_offsets, c, connector.consumer_group_id(), out);
    totals->partitions += 1;
    totals->objects += c.objects;
    totals->records += c.records;
    for (const Gap& g : c.gaps) totals->gaps += g.kind == GapKind::kMissing ? 1 : 0;
    if (c.interleaved && c.missing_offsets() > 0) totals->gaps += 1;
    totals->missing += c.missing_offsets();
    totals->duplicates += static_cast<int64_t>(c.duplicates.size());
    if (c.interleaved && c.duplicates.empty() && c.duplicate_offsets() > 0) totals->duplicates += 1;
    totals->duplicated += c.duplicate_offsets();
    totals->interleaved_partitions += c.interleaved ? 1 : 0;
    totals->upper_bound_objects += c.upper_bound_objects;
  }
  if (objects.view_files > 0) {
    out << "  (" << objects.view_files << " .keys/.headers file(s) not checked: they follow their "
        << "values object)\n";
  }
  return Status::ok_status();
}

int print_summary(const Totals& t, const VerifyOptions& options, std::ostream& out) {
  out << "sluice verify: " << t.partitions << " partition(s), " << t.objects << " object(s), "
      << t.records << " record(s); " << t.gaps << " gap(s) (" << t.missing
      << " missing offset(s)), " << t.duplicates << " duplicate(s) (" << t.duplicated
      << " offset(s) in more than one object)\n";
  if (t.gaps > 0) {
    out << "sluice verify: a gap is lost data, or offsets the connector read but did not write "
           "(errors.tolerance=all, a transform that drops records, "
           "behavior.on.null.values=ignore), transaction markers, or offsets compacted away; "
           "verify cannot tell these apart"
        << (options.allow_gaps ? " (--allow-gaps: gaps do not fail)" : "") << "\n";
  }
  bool failed = t.duplicates > 0 || (t.gaps > 0 && !options.allow_gaps);
  if (!failed) {
    out << "sluice verify: OK: every checked offset is in " << (t.gaps > 0 ? "at most" : "exactly")
        << " one object";
    if (t.interleaved_partitions > 0) {
      out << " (by record count only in " << t.interleaved_partitions
          << " interleaved partition(s))";
    }
    if (t.upper_bound_objects > 0) {
      out << " (ByteArray counts are upper bounds: a shortfall inside an object can go unseen)";
    }
    out << "\n";
  }
  return failed ? kExitRuntimeFailure : kExitOk;
}

}  // namespace

int run_verify(CheckedConfig checked, const VerifyOptions& options, std::ostream& out) {
  if (!checked.report.ok()) {
    print_report(checked.report, std::cerr);
    std::cerr << "sluice verify: " << checked.report.errors.size() << " configuration error(s)\n";
    return kExitBadUsage;
  }
  std::vector<config::ConfigProblem> errors;
  std::unique_ptr<RunnableConfig> cfg = prepare_run(std::move(checked), &errors);
  if (cfg == nullptr) {
    for (const config::ConfigProblem& p : errors) std::cerr << p.to_string() << "\n";
    return kExitBadUsage;
  }
  std::vector<std::string> topics = options.topics;
  if (topics.empty()) topics = cfg->connector->topics();
  if (topics.empty()) {
    std::cerr << "sluice verify: the connector names its topics with topics.regex: give each "
                 "topic to check with --topic\n";
    return kExitBadUsage;
  }
  Result<std::unique_ptr<runtime::ConnectorRuntime>> runtime =
      runtime::ConnectorRuntime::create(*cfg->worker, *cfg->connector);
  if (!runtime.ok()) {
    std::cerr << "sluice verify: " << runtime.status().message() << "\n";
    return kExitBadUsage;
  }
  std::unique_ptr<storage::ObjectStore> store = (*runtime)->new_object_store();
  Totals totals;
  for (const std::string& topic : topics) {
    Status st = verify_topic(*store, *cfg->worker, *cfg->connector, topic, out, &totals);
    if (!st.ok()) {
      std::cerr << "sluice verify: topic " << topic << ": " << st.message() << "\n";
      return st.code() == StatusCode::kInvalidArgument ? kExitBadUsage : kExitRuntimeFailure;
    }
  }
  return print_summary(totals, options, out);
}

}  // namespace sluice::cli
