// HTTP basic authentication of the REST API, as Kafka's BasicAuthSecurityRestExtension does it
// (JaasBasicAuthFilter with PropertyFileLoginModule): an `Authorization: Basic` header checked
// against a Java properties file of `user: password` entries.
//
// Where the file comes from: `sluice.rest.basic.auth.credentials.file`, or Connect's way,
// `rest.extension.classes` naming the extension and a JAAS file whose `KafkaConnect` entry names
// the file (the JAAS file given by `sluice.rest.jaas.config.file`, else by
// `-Djava.security.auth.login.config=` in KAFKA_OPTS).
//
// BasicAuthenticator is shared by the REST server threads: authenticate() is thread-safe, and
// re-reads the file when its modification time or size changed.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "config/worker_config.h"
#include "util/status.h"
#include "util/thread_annotations.h"

namespace sluice::rest {

// Connect's answer to a request without valid credentials (401).
inline constexpr std::string_view kUnauthorizedBody = "User cannot access the resource.";

struct BasicCredentials {
  std::string user;
  std::string password;
};

// The user and password of an `Authorization` header value, as Connect's
// BasicAuthCallBackHandler reads it: "<scheme> <base64>", scheme `basic` in any case, the
// decoded text split at its first colon, the user not empty. nullopt otherwise.
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header);

// The credentials file the worker configures, nullopt when authentication is off.
// `kafka_opts` is the KAFKA_OPTS environment variable (empty when unset). kInvalidArgument
// naming the key when the configuration cannot be used (a JAAS file without a usable
// KafkaConnect entry, an extension class without a JAAS file, ...).
Result<std::optional<std::string>> basic_auth_credentials_file(const config::WorkerConfig& worker,
                                                               std::string_view kafka_opts);

// The `file` option of the PropertyFileLoginModule in the `KafkaConnect` entry of a JAAS file's
// text. `source` names the file in messages.
Result<std::string> credentials_file_from_jaas(std::string_view jaas_text,
                                               const std::string& source);

class BasicAuthenticator {
 public:
  // Reads the credentials file; kInvalidArgument when it cannot be read or holds no user.
  static Result<std::shared_ptr<BasicAuthenticator>> open(std::string path);

  // Whether `authorization` (the header's value, empty when absent) names a user of the file
  // with its password. Re-reads the file first when it changed; a file that cannot be read
  // any more keeps the last credentials (and is logged).
  bool authenticate(std::string_view authorization) const;

 private:
  explicit BasicAuthenticator(std::string path) : path_(std::move(path)) {}
  // Reads the file when its stamp differs from the one last read. REQUIRES: mu_ held.
  Status reload_if_changed() const REQUIRES(mu_);

  const std::string path_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string, std::less<>> users_ GUARDED_BY(mu_);
  mutable timespec mtime_ GUARDED_BY(mu_) = {};
  mutable off_t size_ GUARDED_BY(mu_) = -1;
  mutable bool reload_failing_ GUARDED_BY(mu_) = false;
};

}  // namespace sluice::rest
