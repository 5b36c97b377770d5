// DirectoryConfigProvider: org.apache.kafka.common.config.provider.DirectoryConfigProvider. The
// path is a directory; each key is the name of a regular file directly in it (symbolic links
// followed, subdirectories ignored) and its value is the file's whole content, read as UTF-8 and
// kept as is (a trailing newline included), which suits Kubernetes secrets mounted as volumes:
// `${dir:/var/run/secrets/s3:secret-key}`. No TTL.
//
// Param: `allowed.paths` (allowed_paths.h). Where Kafka logs and returns no data (a path that is
// not allowed, not a directory) this returns an error saying why. Immutable after construction.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "providers/allowed_paths.h"
#include "providers/config_provider.h"

namespace sluice::providers {

class DirectoryConfigProvider final : public ConfigProvider {
 public:
  static constexpr std::string_view kClassName =
      "org.apache.kafka.common.config.provider.DirectoryConfigProvider";

  static Result<std::unique_ptr<ConfigProvider>> create(
      const std::map<std::string, std::string>& params);

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override;
  std::string_view class_name() const override { return kClassName; }

 private:
  explicit DirectoryConfigProvider(AllowedPaths allowed) : allowed_(std::move(allowed)) {}
  AllowedPaths allowed_;
};

}  // namespace sluice::providers
