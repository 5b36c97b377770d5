// Named loggers per module, with log4j's hierarchical levels, for Kafka Connect's
// /admin/loggers endpoints (KIP-495, KIP-976).
//
// Every module logs through its own spdlog logger, `module_log(LogModule::kKafka)` named
// "sluice.kafka", which writes to the default logger's sinks. The names form a tree as log4j's
// do: "root" (spdlog's default logger, and everything below it), then "sluice", then
// "sluice.<module>". Setting a level on a name sets it on that name and every descendant, as
// Configurator.setAllLevels does for Connect.
//
// Kafka Connect users address Java loggers; a few Java namespaces are documented aliases of the
// sluice loggers that do that work (`java_logger_aliases()`): setting the alias sets those
// loggers. Any other name is unknown: nothing answers success for a name that changes nothing.
//
// The loggers are created on first use and never destroyed; every function here is thread-safe
// (spdlog levels are atomic, the bookkeeping is under a mutex).
#pragma once

#include <spdlog/spdlog.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::util {

enum class LogModule {
  kAvro,
  kAws,
  kCli,
  kConfig,
  kConnect,
  kFormat,
  kHttp,
  kKafka,
  kOauth,
  kParquet,
  kProviders,
  kRest,
  kRuntime,
  kSchemaRegistry,
  kSink,
  kStorage,
  kTransforms,
  kUtil,
};

// The logger of `module`, named "sluice.<module folder>".
spdlog::logger& module_log(LogModule module);

// `SLUICE_LOG(kKafka).info("...", ...)`: the call sites' short form (a macro so that it reads the
// same in every namespace and keeps lines as short as spdlog::info's).
#define SLUICE_LOG(module) ::sluice::util::module_log(::sluice::util::LogModule::module)

// A logger's level as Connect's LoggerLevel shows it: the log4j level name and when the REST
// API last changed it (milliseconds since the epoch; nullopt when it never did).
struct LoggerLevelView {
  std::string level;
  std::optional<int64_t> last_modified_ms;
};

// log4j's level names (OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL), any case, as spdlog
// levels (FATAL is critical, ALL is trace); nullopt for another text.
std::optional<spdlog::level::level_enum> parse_log4j_level(std::string_view text);
// The log4j name of a spdlog level ("INFO"; critical is "FATAL").
std::string log4j_level_name(spdlog::level::level_enum level);

// Java logger names sluice accepts, each with the sluice loggers it stands for.
const std::map<std::string, std::vector<std::string>, std::less<>>& java_logger_aliases();

// Every logger name ("root", "sluice", "sluice.avro", ...) with its level, sorted by name.
std::map<std::string, LoggerLevelView> all_logger_levels();

// The level of a logger or alias; nullopt when the name is neither. An alias shows the most
// verbose level of its loggers (what it lets through) and their latest change.
std::optional<LoggerLevelView> logger_level(std::string_view name);

// Sets `name` (a logger or alias) and all its descendants to `level`; returns the names of the
// sluice loggers set, sorted, or nullopt when the name is unknown (nothing changes).
std::optional<std::vector<std::string>> set_logger_level(std::string_view name,
                                                         spdlog::level::level_enum level,
                                                         int64_t now_ms);

}  // namespace sluice::util
