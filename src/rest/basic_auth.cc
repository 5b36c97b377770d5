#include "rest/basic_auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "config/jaas_config.h"
#include "config/properties_parser.h"
#include "util/log.h"

namespace sluice::rest {

namespace {

constexpr std::string_view kExtensionClass =
    "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
constexpr std::string_view kLoginModuleClass =
    "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule";
constexpr std::string_view kLoginConfigOption = "-Djava.security.auth.login.config=";

// Strict base64 (java.util.Base64.getDecoder(): the standard alphabet, padding optional).
std::optional<std::string> decode_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else {
      return std::nullopt;
    }
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  if (count >= 6) return std::nullopt;  // a lone sixth of a byte
  return out;
}

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

Digest sha256(std::string_view text) {
  Digest d{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d.data());
  return d;
}

// Compares the digests, so that neither the contents nor the lengths show in the time taken.
bool constant_time_equal(std::string_view a, std::string_view b) {
  Digest da = sha256(a);
  Digest db = sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid_argument(std::strerror(errno));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Status config_error(const std::string& key, const std::string& value, const std::string& why) {
  return Status::invalid_argument("Invalid value " + value + " for configuration " + key + ": " +
                                  why);
}

// The value of -Djava.security.auth.login.config= in KAFKA_OPTS (quotes removed), if any.
std::optional<std::string> login_config_from_kafka_opts(std::string_view opts) {
  size_t at = opts.find(kLoginConfigOption);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = opts.substr(at + kLoginConfigOption.size());
  std::string out;
  char quote = 0;
  for (char c : rest) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        out.push_back(c);
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ' ' || c == '\t') {
      break;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Skips blanks and // or /* */ comments from `i`.
void skip_blanks(std::string_view text, size_t* i) {
  while (*i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[*i]))) {
      ++*i;
    } else if (text.substr(*i, 2) == "//") {
      size_t end = text.find('\n', *i);
      *i = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(*i, 2) == "/*") {
      size_t end = text.find("*/", *i + 2);
      *i = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      return;
    }
  }
}

}  // namespace

std::optional<BasicCredentials> parse_basic_authorization(std::string_view header) {
  size_t space = header.find(' ');
  if (space == std::string_view::npos || space == 0) return std::nullopt;
  std::string scheme(header.substr(0, space));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "basic") return std::nullopt;
  std::optional<std::string> decoded = decode_base64(header.substr(space + 1));
  if (!decoded) return std::nullopt;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

Result<std::string> credentials_file_from_jaas(std::string_view text, const std::string& source) {
  size_t i = 0;
  while (true) {
    skip_blanks(text, &i);
    if (i >= text.size()) break;
    size_t name_start = i;
    while (i < text.size() && text[i] != '{' && !std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    std::string_view name = text.substr(name_start, i - name_start);
    skip_blanks(text, &i);
    if (i >= text.size() || text[i] != '{') {
      return Status::invalid_argument("the JAAS file " + source +
                                      " is malformed: expected '{' after " + std::string(name));
    }
    size_t body_start = ++i;
    char quote = 0;
    while (i < text.size() && (quote != 0 || text[i] != '}')) {
      if (quote != 0 && text[i] == '\\') {
        ++i;
      } else if (text[i] == '"') {
        quote = quote == 0 ? '"' : 0;
      }
      ++i;
    }
    if (i >= text.size()) {
      return Status::invalid_argument("the JAAS file " + source + " is malformed: the entry " +
                                      std::string(name) + " has no closing '}'");
    }
    std::string_view body = text.substr(body_start, i - body_start);
    ++i;
    skip_blanks(text, &i);
    if (i < text.size() && text[i] == ';') ++i;
    if (name != "KafkaConnect") continue;
    Result<config::JaasLoginModule> module = config::parse_jaas_config(body);
    if (!module.ok()) {
      return Status::invalid_argument("the KafkaConnect entry of the JAAS file " + source +
                                      " cannot be read: " + module.status().message());
    }
    if (module->class_name != kLoginModuleClass) {
      return Status::invalid_argument(
          "the KafkaConnect entry of the JAAS file " + source + " names " + module->class_name +
          "; sluice understands only " + std::string(kLoginModuleClass));
    }
    std::optional<std::string> file = module->option("file");
    if (!file || file->empty()) {
      return Status::invalid_argument("the KafkaConnect entry of the JAAS file " + source +
                                      " has no file=\"<credentials file>\" option");
    }
    return *file;
  }
  return Status::invalid_argument("the JAAS file " + source + " has no KafkaConnect entry");
}

Result<std::optional<std::string>> basic_auth_credentials_file(const config::WorkerConfig& worker,
                                                               std::string_view kafka_opts) {
  const std::optional<std::string>& direct = worker.rest_basic_auth_credentials_file();
  bool extension = false;
  for (const std::string& c : worker.rest_extension_classes()) extension |= c == kExtensionClass;
  if (direct && extension) {
    return config_error("sluice.rest.basic.auth.credentials.file", *direct,
                        "rest.extension.classes also turns on basic authentication; configure "
                        "the credentials file one way only");
  }
  if (direct) {
    if (direct->empty()) {
      return config_error("sluice.rest.basic.auth.credentials.file", "\"\"",
                          "name the credentials file");
    }
    return std::optional<std::string>(*direct);
  }
  if (!extension) return std::optional<std::string>();
  std::string key = "sluice.rest.jaas.config.file";
  std::optional<std::string> jaas = worker.rest_jaas_config_file();
  if (!jaas) {
    jaas = login_config_from_kafka_opts(kafka_opts);
    key = "KAFKA_OPTS (-Djava.security.auth.login.config)";
  }
  if (!jaas || jaas->empty()) {
    return config_error("rest.extension.classes", std::string(kExtensionClass),
                        "the extension needs a JAAS file with a KafkaConnect entry; give its path "
                        "in sluice.rest.jaas.config.file or as -Djava.security.auth.login.config= "
                        "in the KAFKA_OPTS environment variable");
  }
  Result<std::string> text = read_text(*jaas);
  if (!text.ok()) {
    return config_error(key, *jaas, "cannot read the JAAS file (" + text.status().message() + ")");
  }
  Result<std::string> file = credentials_file_from_jaas(*text, *jaas);
  if (!file.ok()) return config_error(key, *jaas, file.status().message());
  return std::optional<std::string>(*file);
}

Result<std::shared_ptr<BasicAuthenticator>> BasicAuthenticator::open(std::string path) {
  std::shared_ptr<BasicAuthenticator> out(new BasicAuthenticator(std::move(path)));
  std::lock_guard<std::mutex> lock(out->mu_);
  SLUICE_RETURN_IF_ERROR(out->reload_if_changed());
  return out;
}

Status BasicAuthenticator::reload_if_changed() const {
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) {
    return Status::invalid_argument("cannot read the credentials file " + path_ + " (" +
                                    std::strerror(errno) + ")");
  }
  if (st.st_mtim.tv_sec == mtime_.tv_sec && st.st_mtim.tv_nsec == mtime_.tv_nsec &&
      st.st_size == size_) {
    return Status::ok_status();
  }
  Result<std::string> text = read_text(path_);
  if (!text.ok()) {
    return Status::invalid_argument("cannot read the credentials file " + path_ + " (" +
                                    text.status().message() + ")");
  }
  Result<config::RawConfig> parsed = config::parse_properties(*text);
  if (!parsed.ok()) {
    // The parser's message may quote a line, which may hold a password.
    return Status::invalid_argument("the credentials file " + path_ +
                                    " is not a valid properties file (a malformed \\u escape)");
  }
  if (parsed->empty()) {
    return Status::invalid_argument("the credentials file " + path_ +
                                    " holds no user; add `user: password` lines");
  }
  std::map<std::string, std::string, std::less<>> users;
  for (const config::RawEntry& e : parsed->entries()) users[e.key] = e.value;
  users_ = std::move(users);
  mtime_ = st.st_mtim;
  size_ = st.st_size;
  return Status::ok_status();
}

bool BasicAuthenticator::authenticate(std::string_view authorization) const {
  std::optional<BasicCredentials> credentials = parse_basic_authorization(authorization);
  std::lock_guard<std::mutex> lock(mu_);
  Status reloaded = reload_if_changed();
  if (!reloaded.ok() && !reload_failing_) {
    // Once per failure, not per request.
    SLUICE_LOG(kRest).warn(
        "REST basic authentication: {}; the credentials read before stay in force",
        reloaded.message());
  }
  reload_failing_ = !reloaded.ok();
  if (!credentials) return false;
  auto it = users_.find(credentials->user);
  // An unknown user costs the same comparison as a known one.
  std::string_view expected = it == users_.end() ? std::string_view() : it->second;
  bool match = constant_time_equal(credentials->password, expected);
  return it != users_.end() && match;
}

}  // namespace sluice::rest
