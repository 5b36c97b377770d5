#include "util/log.h"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

#include "util/thread_annotations.h"

namespace sluice::util {

namespace {

constexpr std::array<std::string_view, 18> kModuleNames = {
    "sluice.avro",       "sluice.aws",
    "sluice.cli",        "sluice.config",
    "sluice.connect",    "sluice.format",
    "sluice.http",       "sluice.kafka",
    "sluice.oauth",      "sluice.parquet",
    "sluice.providers",  "sluice.rest",
    "sluice.runtime",    "sluice.schema_registry",
    "sluice.sink",       "sluice.storage",
    "sluice.transforms", "sluice.util"};
static_assert(kModuleNames.size() == static_cast<size_t>(LogModule::kUtil) + 1);

constexpr std::string_view kRoot = "root";

// The module loggers, created together on first use with the default logger's sinks and
// registered with spdlog, so spdlog::set_level and set_pattern (--log-level) reach them.
class Registry {
 public:
  static Registry& get() {
    static Registry registry;
    return registry;
  }

  spdlog::logger& logger(size_t index) { return *loggers_[index]; }

  std::optional<int64_t> last_modified(size_t index) {
    std::lock_guard<std::mutex> lock(mu_);
    return modified_[index];
  }
  std::optional<int64_t> root_last_modified() {
    std::lock_guard<std::mutex> lock(mu_);
    return root_modified_;
  }

  // Sets the loggers of `indexes` (and the default logger when `root`) to `level`; a logger's
  // last change is recorded only when its level changes, as Connect's Loggers does.
  void set(const std::vector<size_t>& indexes, bool root, spdlog::level::level_enum level,
           int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    if (root) {
      if (spdlog::default_logger_raw()->level() != level) root_modified_ = now_ms;
      spdlog::default_logger_raw()->set_level(level);
    }
    for (size_t i : indexes) {
      if (loggers_[i]->level() != level) modified_[i] = now_ms;
      loggers_[i]->set_level(level);
    }
  }

 private:
  Registry() {
    const std::vector<spdlog::sink_ptr>& sinks = spdlog::default_logger_raw()->sinks();
    for (size_t i = 0; i < kModuleNames.size(); ++i) {
      std::string name(kModuleNames[i]);
      std::shared_ptr<spdlog::logger> existing = spdlog::get(name);
      if (existing) {
        loggers_[i] = std::move(existing);
        continue;
      }
      loggers_[i] = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
      spdlog::initialize_logger(loggers_[i]);
    }
  }

  std::array<std::shared_ptr<spdlog::logger>, kModuleNames.size()> loggers_;
  std::mutex mu_;
  std::array<std::optional<int64_t>, kModuleNames.size()> modified_ GUARDED_BY(mu_);
  std::optional<int64_t> root_modified_ GUARDED_BY(mu_);
};

// Whether `name` is `ancestor` or below it in the dotted hierarchy.
bool is_within(std::string_view name, std::string_view ancestor) {
  return name == ancestor ||
         (name.size() > ancestor.size() && name.substr(0, ancestor.size()) == ancestor &&
          name[ancestor.size()] == '.');
}

size_t module_index(std::string_view name) {
  return static_cast<size_t>(std::find(kModuleNames.begin(), kModuleNames.end(), name) -
                             kModuleNames.begin());
}

// The module loggers a name stands for: loggers within it and the loggers of aliases within it.
// `root` is set for "root", which is every logger and the default one.
std::vector<size_t> resolve(std::string_view name, bool* root) {
  *root = name == kRoot;
  std::vector<size_t> out;
  for (size_t i = 0; i < kModuleNames.size(); ++i) {
    if (*root || is_within(kModuleNames[i], name)) out.push_back(i);
  }
  for (const auto& [alias, targets] : java_logger_aliases()) {
    if (*root || !is_within(alias, name)) continue;
    for (const std::string& target : targets) out.push_back(module_index(target));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

spdlog::logger& module_log(LogModule module) {
  return Registry::get().logger(static_cast<size_t>(module));
}

std::optional<spdlog::level::level_enum> parse_log4j_level(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  using L = spdlog::level::level_enum;
  static const std::map<std::string, L, std::less<>> kLevels = {
      {"OFF", L::off},   {"FATAL", L::critical}, {"ERROR", L::err},   {"WARN", L::warn},
      {"INFO", L::info}, {"DEBUG", L::debug},    {"TRACE", L::trace}, {"ALL", L::trace}};
  auto it = kLevels.find(upper);
  if (it == kLevels.end()) return std::nullopt;
  return it->second;
}

std::string log4j_level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "TRACE";
    case spdlog::level::debug:
      return "DEBUG";
    case spdlog::level::info:
      return "INFO";
    case spdlog::level::warn:
      return "WARN";
    case spdlog::level::err:
      return "ERROR";
    case spdlog::level::critical:
      return "FATAL";
    default:
      return "OFF";
  }
}

const std::map<std::string, std::vector<std::string>, std::less<>>& java_logger_aliases() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kAliases = {
      // Connect's runtime: the task loop, converters, transforms, REST, configuration.
      {"org.apache.kafka.connect",
       {"sluice.cli", "sluice.config", "sluice.connect", "sluice.rest", "sluice.runtime",
        "sluice.transforms"}},
      // The Java Kafka clients: sluice's librdkafka consumer and its log callback.
      {"org.apache.kafka.clients", {"sluice.kafka"}},
      // Config providers (FileConfigProvider, ... and the AWS ones).
      {"org.apache.kafka.common.config.provider", {"sluice.providers"}},
      // The S3 sink: writers, uploads, the S3 client and its credentials.
      {"io.confluent.connect.s3", {"sluice.aws", "sluice.format", "sluice.sink", "sluice.storage"}},
      // storage-common: partitioners and formats.
      {"io.confluent.connect.storage", {"sluice.format", "sluice.sink"}},
      // Schema Registry's client and converters.
      {"io.confluent.kafka.schemaregistry", {"sluice.oauth", "sluice.schema_registry"}},
  };
  return kAliases;
}

std::map<std::string, LoggerLevelView> all_logger_levels() {
  Registry& r = Registry::get();
  std::map<std::string, LoggerLevelView> out;
  out[std::string(kRoot)] = {log4j_level_name(spdlog::default_logger_raw()->level()),
                             r.root_last_modified()};
  for (size_t i = 0; i < kModuleNames.size(); ++i) {
    out[std::string(kModuleNames[i])] = {log4j_level_name(r.logger(i).level()), r.last_modified(i)};
  }
  return out;
}

std::optional<LoggerLevelView> logger_level(std::string_view name) {
  Registry& r = Registry::get();
  bool root = false;
  std::vector<size_t> indexes = resolve(name, &root);
  if (root) {
    return LoggerLevelView{log4j_level_name(spdlog::default_logger_raw()->level()),
                           r.root_last_modified()};
  }
  if (indexes.empty()) return std::nullopt;
  LoggerLevelView out;
  spdlog::level::level_enum most_verbose = spdlog::level::off;
  for (size_t i : indexes) {
    most_verbose = std::min(most_verbose, r.logger(i).level());
    std::optional<int64_t> modified = r.last_modified(i);
    if (modified && (!out.last_modified_ms || *modified > *out.last_modified_ms)) {
      out.last_modified_ms = modified;
    }
  }
  out.level = log4j_level_name(most_verbose);
  return out;
}

std::optional<std::vector<std::string>> set_logger_level(std::string_view name,
                                                         spdlog::level::level_enum level,
                                                         int64_t now_ms) {
  bool root = false;
  std::vector<size_t> indexes = resolve(name, &root);
  if (!root && indexes.empty()) return std::nullopt;
  Registry::get().set(indexes, root, level, now_ms);
  std::vector<std::string> out;
  if (root) out.emplace_back(kRoot);
  for (size_t i : indexes) out.emplace_back(kModuleNames[i]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sluice::util
