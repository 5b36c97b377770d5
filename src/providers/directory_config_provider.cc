#include "providers/directory_config_provider.h"

#include <system_error>

#include "providers/file_config_provider.h"
#include "util/utf8.h"

namespace sluice::providers {

namespace {

// Strict UTF-8, as Files.readString decodes (an invalid sequence is an error there).
bool valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    char32_t cp = 0;
    size_t n = util::decode_utf8(p, end, cp);
    if (cp == 0xFFFD && n == 1) return false;  // a real U+FFFD is three bytes
    p += n;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<ConfigProvider>> DirectoryConfigProvider::create(
    const std::map<std::string, std::string>& params) {
  SLUICE_ASSIGN_OR_RETURN(AllowedPaths allowed, allowed_paths_param(params));
  return std::unique_ptr<ConfigProvider>(new DirectoryConfigProvider(std::move(allowed)));
}

Result<ConfigData> DirectoryConfigProvider::get(const std::string& path,
                                                const std::set<std::string>& keys) {
  SLUICE_ASSIGN_OR_RETURN(std::filesystem::path dir,
                          allowed_.path_to_read(path, "${<provider>:<directory>:<file name>}"));
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::invalid_argument("The path " + path + " is not a directory");
  }
  ConfigData out;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Status::invalid_argument("Could not list directory " + path);
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (keys.count(name) == 0) continue;
    std::error_code type_ec;
    if (!std::filesystem::is_regular_file(it->path(), type_ec)) continue;  // follows links
    Result<std::string> text = read_file_text(it->path());
    // Files.readString refuses bytes that are not UTF-8 (MalformedInputException).
    if (!text.ok() || !valid_utf8(*text)) {
      return Status::invalid_argument("Could not read file " + it->path().string() +
                                      " for property " + name);
    }
    out.data.emplace(std::move(name), std::move(text).value());
  }
  if (ec) return Status::invalid_argument("Could not list directory " + path);
  return out;
}

}  // namespace sluice::providers
