#include "connect/latest_schema_lookup.h"

#include <algorithm>

namespace sluice::connect {

namespace {

using schema_registry::RegisteredSchema;
using schema_registry::SchemaVersion;
using schema_registry::Subject;
using schema_registry::SubjectSchema;

// "k1=v1,k2=v2": Confluent's MapPropertyParser, without its quoting (refused instead).
std::optional<std::vector<std::pair<std::string, std::string>>> parse_metadata(
    ConverterOptions& options, const std::string& spec) {
  std::vector<std::pair<std::string, std::string>> out;
  if (spec.find_first_of("\"\\") != std::string::npos) {
    options.add_problem("use.latest.with.metadata", spec,
                        "sluice reads key=value pairs separated by commas, without quotes or "
                        "backslash escapes");
    return std::nullopt;
  }
  size_t start = 0;
  while (start <= spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    const std::string_view item = java_trim(std::string_view(spec).substr(start, end - start));
    const size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      options.add_problem("use.latest.with.metadata", spec,
                          "each comma-separated entry must be key=value");
      return std::nullopt;
    }
    out.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
    start = end + 1;
  }
  return out;
}

bool applies(const schema_registry::MigrationRule& rule, std::string_view mode) {
  return rule.mode == mode || rule.mode == "UPDOWN";
}

}  // namespace

LatestSchemaOptions LatestSchemaOptions::read(ConverterOptions& options) {
  LatestSchemaOptions parsed;
  parsed.use_latest_version = options.boolean("use.latest.version", false);
  if (const std::string* spec = options.raw("use.latest.with.metadata")) {
    parsed.with_metadata = parse_metadata(options, std::string(java_trim(*spec)));
  }
  parsed.cache_size = options.int32("latest.cache.size", 1000);
  if (parsed.cache_size < 0) {
    options.add_problem("latest.cache.size", std::to_string(parsed.cache_size),
                        "must be at least 0");
  }
  parsed.cache_ttl_sec = options.int32("latest.cache.ttl.sec", -1);
  return parsed;
}

LatestSchemaLookup::LatestSchemaLookup(
    LatestSchemaOptions options, LatestPrecedence precedence,
    std::shared_ptr<schema_registry::SchemaRegistryClient> client)
    : options_(std::move(options)),
      precedence_(precedence),
      client_(std::move(client)),
      cache_(options_.cache_size > 0 ? static_cast<size_t>(options_.cache_size) : 1000) {
  if (options_.cache_ttl_sec >= 0) {
    ttl_ = std::chrono::seconds(options_.cache_ttl_sec);
  } else if (options_.cache_size == 0) {
    ttl_ = std::chrono::seconds(60);  // the registry client's latest-version cache
  }
}

Result<const SubjectSchema*> LatestSchemaLookup::reader_for(const Subject& subject,
                                                            const RegisteredSchema& writer,
                                                            SchemaVersion writer_version) {
  key_.assign(subject.name());
  key_.push_back('\0');
  key_.append(std::to_string(writer.id.value));
  const auto now = std::chrono::steady_clock::now();
  if (const Entry* cached = cache_.get(key_)) {
    if (!ttl_ || now - cached->fetched < *ttl_) return &cached->reader;
  }
  SLUICE_ASSIGN_OR_RETURN(SubjectSchema reader, fetch(subject));
  SLUICE_RETURN_IF_ERROR(check_migrations(subject, writer, writer_version, reader));
  cache_.put(key_, Entry{std::move(reader), now});
  return &cache_.get(key_)->reader;
}

Result<SubjectSchema> LatestSchemaLookup::fetch(const Subject& subject) {
  const bool metadata =
      options_.with_metadata.has_value() &&
      (precedence_ == LatestPrecedence::kMetadataFirst || !options_.use_latest_version);
  if (metadata) return client_->latest_with_metadata(subject, *options_.with_metadata);
  return client_->subject_version(subject, std::nullopt);
}

Status LatestSchemaLookup::check_migrations(const Subject& subject, const RegisteredSchema& writer,
                                            SchemaVersion writer_version,
                                            const SubjectSchema& reader) {
  const int32_t from = writer_version.value;
  const int32_t to = reader.version.value;
  if (from == to) return Status::ok_status();
  const std::string_view mode = from < to ? "UPGRADE" : "DOWNGRADE";
  // Confluent's getMigrations: every version after the lower one, up to the higher one.
  for (int32_t v = std::min(from, to) + 1; v <= std::max(from, to); ++v) {
    const RegisteredSchema* schema = v == to ? &reader.schema : v == from ? &writer : nullptr;
    std::optional<SubjectSchema> between;
    if (schema == nullptr) {
      Result<SubjectSchema> fetched = client_->subject_version(subject, SchemaVersion{v});
      if (!fetched.ok()) return fetched.status();
      between = std::move(*fetched);
      schema = &between->schema;
    }
    for (const schema_registry::MigrationRule& rule : schema->migration_rules) {
      if (!applies(rule, mode)) continue;
      return Status::data_error(
          "migration rule '" + rule.name + "' (type " + rule.type + ", mode " + rule.mode +
          (rule.disabled ? ", disabled" : "") + ") of subject " + subject.name() + " version " +
          std::to_string(v) + " applies between the writer's version " + std::to_string(from) +
          " and the reader's version " + std::to_string(to) +
          "; sluice does not run data-contract migration rules (use.latest.version / "
          "use.latest.with.metadata)");
    }
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
