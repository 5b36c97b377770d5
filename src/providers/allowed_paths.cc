#include "providers/allowed_paths.h"

#include <system_error>

namespace sluice::providers {

namespace {

// java.nio.file.Path.startsWith: `prefix`'s components are the first components of `path`.
bool starts_with(const std::filesystem::path& path, const std::filesystem::path& prefix) {
  auto p = path.begin();
  for (auto q = prefix.begin(); q != prefix.end(); ++q, ++p) {
    if (q->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *q) return false;
  }
  return true;
}

}  // namespace

Result<AllowedPaths> AllowedPaths::parse(const std::optional<std::string>& setting) {
  AllowedPaths out;
  if (!setting || setting->empty()) return out;
  out.restricted_ = true;
  std::vector<std::string> entries;
  size_t start = 0;
  while (true) {
    size_t comma = setting->find(',', start);
    entries.push_back(setting->substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  // String.split drops trailing empty strings.
  while (!entries.empty() && entries.back().empty()) entries.pop_back();
  for (const std::string& entry : entries) {
    std::filesystem::path normal = std::filesystem::path(entry).lexically_normal();
    std::string shown = normal.string();
    if (shown.size() > 1 && shown.back() == '/') shown.pop_back();
    if (!normal.is_absolute())
      return Status::invalid_argument("Path " + shown + " is not absolute");
    std::error_code ec;
    if (!std::filesystem::exists(normal, ec)) {
      return Status::invalid_argument("Path " + shown + " does not exist");
    }
    std::filesystem::path real = std::filesystem::canonical(normal, ec);
    if (ec) return Status::invalid_argument("Path " + shown + " could not be resolved");
    out.allowed_.push_back(std::move(real));
  }
  return out;
}

std::optional<std::filesystem::path> AllowedPaths::check(const std::string& path) const {
  if (!restricted_) return std::filesystem::path(path);
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(path, ec);
  if (ec) return std::nullopt;
  for (const std::filesystem::path& allowed : allowed_) {
    if (starts_with(real, allowed)) return real;
  }
  return std::nullopt;
}

Result<std::filesystem::path> AllowedPaths::path_to_read(const std::string& path,
                                                         std::string_view usage) const {
  if (path.empty()) return Status::invalid_argument("a path is needed: " + std::string(usage));
  std::optional<std::filesystem::path> checked = check(path);
  if (!checked) {
    // Kafka logs this and returns no data; sluice refuses the placeholder either way.
    return Status::invalid_argument("The path " + path +
                                    " is not allowed to be accessed (see the provider's "
                                    "param.allowed.paths)");
  }
  return *checked;
}

}  // namespace sluice::providers
