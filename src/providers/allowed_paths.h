// AllowedPaths: the `allowed.paths` restriction of Kafka's FileConfigProvider and
// DirectoryConfigProvider (KIP-993; org.apache.kafka.common.config.internals.AllowedPaths).
//
// The setting is a comma-separated list (entries are not trimmed, as String.split(",") leaves
// them); each entry must be an absolute path that exists, and is kept as its real path (symbolic
// links resolved). A path asked for is allowed when its real path lies inside one of them
// (component by component, as java.nio.file.Path.startsWith compares). Without the setting, or
// with it empty, every path is allowed. Immutable once built.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::providers {

class AllowedPaths {
 public:
  // Parses the setting; the error names the first bad entry as Kafka does ("Path relative/x is
  // not absolute", "Path /x does not exist", "Path /x could not be resolved").
  static Result<AllowedPaths> parse(const std::optional<std::string>& setting);

  // The path to read: `path` itself when everything is allowed, else its real path when that is
  // inside an allowed path; nullopt when it is not allowed (or does not exist, since a path that
  // cannot be resolved cannot be checked).
  std::optional<std::filesystem::path> check(const std::string& path) const;

  // check() for a provider's placeholder path, as an error saying why a path cannot be read: it is
  // empty (`usage` shows the placeholder the provider wants) or not allowed.
  Result<std::filesystem::path> path_to_read(const std::string& path, std::string_view usage) const;

  bool restricted() const { return restricted_; }

 private:
  bool restricted_ = false;
  std::vector<std::filesystem::path> allowed_;  // real paths
};

}  // namespace sluice::providers
