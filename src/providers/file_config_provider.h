// FileConfigProvider: org.apache.kafka.common.config.provider.FileConfigProvider. The path is a
// Java .properties file (read as UTF-8, as Kafka's Files.newBufferedReader does), the keys are its
// keys: `${file:/etc/sluice/secrets.properties:aws.secret.access.key}`. No TTL.
//
// Param: `allowed.paths` (allowed_paths.h). Where Kafka logs and returns no data (a path that is
// not allowed, an empty path), this returns an error saying why, since sluice refuses a
// placeholder it cannot resolve either way. Immutable after construction; get() may be called from
// any one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "providers/allowed_paths.h"
#include "providers/config_provider.h"

namespace sluice::providers {

class FileConfigProvider final : public ConfigProvider {
 public:
  static constexpr std::string_view kClassName =
      "org.apache.kafka.common.config.provider.FileConfigProvider";

  // `params`: the provider's `param.*` settings, prefix removed.
  static Result<std::unique_ptr<ConfigProvider>> create(
      const std::map<std::string, std::string>& params);

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override;
  std::string_view class_name() const override { return kClassName; }

 private:
  explicit FileConfigProvider(AllowedPaths allowed) : allowed_(std::move(allowed)) {}
  AllowedPaths allowed_;
};

// The `allowed.paths` param of the two file providers, parsed; the error names the param.
Result<AllowedPaths> allowed_paths_param(const std::map<std::string, std::string>& params);

// Reads a whole file; the error names the path and the reason.
Result<std::string> read_file_text(const std::filesystem::path& path);

}  // namespace sluice::providers
