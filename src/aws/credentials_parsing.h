// Parsing shared by the credentials sources: ISO-8601 expiration times, the JSON documents of the
// container endpoint, IMDS and credential_process, the text of one XML element of an STS response,
// and the process environment as an EnvironmentCredentialsProvider::Lookup.
//
// Free functions with no state; safe from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "util/status.h"

namespace sluice::aws {

// "2026-01-01T12:00:00Z", with optional fractional seconds and a "Z" or "+hh:mm"/"-hh:mm" offset.
std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);

// A credentials JSON object: AccessKeyId, SecretAccessKey, the session token under token_key
// ("Token" for container/IMDS, "SessionToken" for credential_process) and an optional Expiration.
// Error messages name the source and never quote the document (it holds secrets).
Result<AwsCredentials> parse_credentials_json(std::string_view body, std::string_view token_key,
                                              const std::string& provider);

// The XML-unescaped text of the first <name>...</name> element, or nullopt. Enough for the flat
// STS query-API responses; not a general XML parser.
std::optional<std::string> xml_element_text(std::string_view xml, std::string_view name);

// Reads the process environment (std::getenv).
EnvironmentCredentialsProvider::Lookup process_environment();

// The value of the variable, or "" when unset.
std::string env_or_empty(const EnvironmentCredentialsProvider::Lookup& env, const char* name);

// Whole file contents; kNotFound when it cannot be opened.
Result<std::string> read_text_file(const std::string& path);

}  // namespace sluice::aws
