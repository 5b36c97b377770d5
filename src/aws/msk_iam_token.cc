#include "aws/msk_iam_token.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <random>
#include <thread>

#include "aws/assume_role_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/hashing.h"
#include "aws/profile_credentials_provider.h"
#include "aws/sigv4_signer.h"
#include "aws/static_credentials_provider.h"
#include "aws/uri_encoding.h"
#include "util/log.h"

namespace sluice::aws {

namespace {

using Clock = std::chrono::system_clock;

constexpr std::string_view kService = "kafka-cluster";
constexpr std::string_view kAction = "kafka-cluster:Connect";

// The order in which botocore (and so aws-msk-iam-sasl-signer-python) writes the presigned query:
// the request's own parameter, then the auth parameters as it adds them, the signature last. The
// broker does not care, but matching it byte for byte lets a test compare against AWS's signer.
constexpr std::array<std::string_view, 8> kQueryOrder = {
    "Action",        "X-Amz-Algorithm",     "X-Amz-Credential",     "X-Amz-Date",
    "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"};

// Region names are lowercase letters, digits and '-' (us-east-1, cn-north-1, us-gov-west-1);
// anything else would change the host the token is signed for.
bool is_region_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// "xx-word[-word...]-N": the shape of every AWS region name.
bool looks_like_region(std::string_view s) {
  size_t last_dash = s.rfind('-');
  if (last_dash == std::string_view::npos || last_dash + 1 >= s.size()) return false;
  std::string_view number = s.substr(last_dash + 1);
  if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  std::string_view words = s.substr(0, last_dash);
  if (words.size() < 4 || words[2] != '-') return false;  // two-letter partition prefix, "us-"
  return std::all_of(words.begin(), words.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }) &&
         words.find("--") == std::string_view::npos && words.back() != '-';
}

std::string base64url_unpadded(std::string_view bytes) {
  std::string out = base64_encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

// Puts the presigned query into kQueryOrder. presign_query writes it sorted (the canonical order)
// with the signature appended; this only moves whole "name=value" pieces.
Result<std::string> reorder_query(std::string_view sorted) {
  std::vector<std::string_view> pieces;
  while (!sorted.empty()) {
    size_t amp = sorted.find('&');
    pieces.push_back(sorted.substr(0, amp));
    sorted = amp == std::string_view::npos ? std::string_view() : sorted.substr(amp + 1);
  }
  std::string out;
  size_t used = 0;
  for (std::string_view name : kQueryOrder) {
    for (std::string_view piece : pieces) {
      if (piece.size() > name.size() && piece.substr(0, name.size()) == name &&
          piece[name.size()] == '=') {
        if (!out.empty()) out += '&';
        out += piece;
        ++used;
        break;
      }
    }
  }
  if (used != pieces.size()) {
    return Status::fatal("MSK IAM token: unexpected parameter in the presigned query");
  }
  return out;
}

std::string credentials_fingerprint(const AwsCredentials& c) {
  std::string material = c.access_key_id;
  material += '\0';
  material += c.secret_access_key;
  material += '\0';
  material += c.session_token;
  std::string digest = sha256_hex(material);
  std::fill(material.begin(), material.end(), '\0');
  return digest;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> region_of_host(std::string_view entry) {
  std::string host = trim(entry);
  if (size_t scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  if (host.empty() || host.front() == '[') return std::nullopt;  // IPv6 literal
  if (size_t colon = host.rfind(':'); colon != std::string::npos) host.erase(colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!host.empty() && host.back() == '.') host.pop_back();

  std::vector<std::string_view> labels;
  std::string_view rest(host);
  while (true) {
    size_t dot = rest.find('.');
    labels.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  size_t suffix = 0;
  if (labels.size() >= 2 && labels[labels.size() - 2] == "amazonaws" && labels.back() == "com") {
    suffix = 2;
  } else if (labels.size() >= 3 && labels[labels.size() - 3] == "amazonaws" &&
             labels[labels.size() - 2] == "com" && labels.back() == "cn") {
    suffix = 3;
  } else {
    return std::nullopt;
  }
  // At least one label (the broker's own) before "kafka.<region>": the bare service endpoint
  // kafka.<region>.amazonaws.com is not a broker.
  if (labels.size() < suffix + 3) return std::nullopt;
  std::string_view region = labels[labels.size() - suffix - 1];
  std::string_view service = labels[labels.size() - suffix - 2];
  if (service != "kafka" && service != "kafka-serverless") return std::nullopt;
  if (!looks_like_region(region)) return std::nullopt;
  return std::string(region);
}

// Transient credential failures retried with full-jitter backoff, as the Java module's
// MSKCredentialProvider does (base 500 ms, doubling, capped at awsMaxBackOffTimeMs); with
// awsDebugCreds, logs which identity was handed out.
class MskCredentialsProvider final : public CredentialsProvider {
 public:
  MskCredentialsProvider(std::unique_ptr<CredentialsProvider> source,
                         const MskIamLoginOptions& options)
      : source_(std::move(source)),
        max_retries_(options.max_retries),
        max_back_off_(options.max_back_off),
        debug_(options.debug_credentials),
        random_(std::random_device{}()) {}

  Result<AwsCredentials> credentials() override {
    for (int attempt = 0;; ++attempt) {
      Result<AwsCredentials> result = source_->credentials();
      if (result.ok()) {
        if (debug_) SLUICE_LOG(kAws).debug("MSK IAM credentials: {}", result->describe());
        return result;
      }
      if (!result.status().is_retriable() || attempt >= max_retries_) return result;
      std::chrono::milliseconds delay = back_off(attempt);
      SLUICE_LOG(kAws).warn(
          "MSK IAM: loading AWS credentials failed (attempt {}), retrying in {} ms: {}",
          attempt + 1, delay.count(), result.status().message());
      std::this_thread::sleep_for(delay);
    }
  }
  void invalidate() override { source_->invalidate(); }
  std::string name() const override { return source_->name(); }

 private:
  std::chrono::milliseconds back_off(int attempt) {
    int64_t ceiling = 500;
    for (int i = 0; i < attempt && ceiling < max_back_off_.count(); ++i) ceiling *= 2;
    ceiling = std::min<int64_t>(ceiling, max_back_off_.count());
    std::lock_guard lock(mutex_);
    return std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(0, ceiling)(random_));
  }

  std::unique_ptr<CredentialsProvider> source_;
  int max_retries_;
  std::chrono::milliseconds max_back_off_;
  bool debug_;
  std::mutex mutex_;  // guards random_
  std::minstd_rand random_;
};

Result<bool> parse_bool(const std::string& name, const std::string& value) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true") return true;
  if (lower == "false") return false;
  return Status::invalid_argument("MSK IAM login option " + name +
                                  ": expected true or false, got '" + value + "'");
}

Result<int> parse_count(const std::string& name, const std::string& value, int max) {
  int parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size() || parsed < 0 || parsed > max) {
    return Status::invalid_argument("MSK IAM login option " + name + ": expected an integer 0.." +
                                    std::to_string(max) + ", got '" + value + "'");
  }
  return parsed;
}

bool valid_session_name(std::string_view name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_+=,.@-").find(c) != std::string_view::npos;
  });
}

}  // namespace

Result<MskIamToken> make_msk_iam_token(const AwsCredentials& credentials, std::string_view region,
                                       Clock::time_point now, std::string_view user_agent) {
  if (region.empty()) return Status::invalid_argument("MSK IAM token: the region is empty");
  if (!is_region_name(region)) {
    return Status::invalid_argument("MSK IAM token: '" + std::string(region) +
                                    "' is not an AWS region name");
  }
  if (credentials.empty()) {
    return Status::invalid_argument("MSK IAM token: the AWS credentials are empty (" +
                                    credentials.describe() + ")");
  }
  // X-Amz-Date has whole seconds; the lifetime counts from it, as the AWS signers count it.
  Clock::time_point signed_at = std::chrono::floor<std::chrono::seconds>(now);
  Clock::time_point expiration = signed_at + kMskIamTokenLifetime;
  if (credentials.expiration.has_value()) {
    if (*credentials.expiration <= now) {
      return Status::retriable("MSK IAM token: the AWS credentials have expired (" +
                               credentials.describe() + ")");
    }
    expiration = std::min(expiration, *credentials.expiration);
  }

  const std::string host = "kafka." + std::string(region) + ".amazonaws.com";
  SignableRequest request;
  request.method = "GET";
  request.canonical_uri = "/";
  request.query = {{"Action", std::string(kAction)}};
  request.headers = {{"host", host}};
  SigV4Signer signer{std::string(kService), std::string(region)};
  SLUICE_ASSIGN_OR_RETURN(std::string sorted,
                          signer.presign_query(request, credentials, now, kMskIamTokenLifetime));
  SLUICE_ASSIGN_OR_RETURN(std::string query, reorder_query(sorted));
  // Added after signing and not covered by the signature, as the AWS signers do.
  query += "&User-Agent=";
  query += uri_encode(user_agent);

  std::string url = "https://" + host + "/?" + query;
  MskIamToken token;
  token.value = base64url_unpadded(url);
  std::fill(url.begin(), url.end(), '\0');  // it carries the session token
  token.expiration = expiration;
  token.principal = credentials.access_key_id;
  return token;
}

std::optional<std::string> region_from_msk_broker_hosts(std::string_view bootstrap_servers) {
  while (true) {
    size_t comma = bootstrap_servers.find(',');
    if (auto region = region_of_host(bootstrap_servers.substr(0, comma))) return region;
    if (comma == std::string_view::npos) return std::nullopt;
    bootstrap_servers.remove_prefix(comma + 1);
  }
}

Result<MskIamLoginOptions> parse_msk_iam_login_options(
    const std::vector<std::pair<std::string, std::string>>& jaas_options) {
  MskIamLoginOptions out;
  bool session_name_set = false;
  bool external_id_set = false;
  auto non_empty = [](const std::string& name, const std::string& value) -> Status {
    if (trim(value).empty()) {
      return Status::invalid_argument("MSK IAM login option " + name + " is empty");
    }
    return Status::ok_status();
  };
  for (const auto& [name, value] : jaas_options) {
    if (name == "awsProfileName") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.profile_name = value;
    } else if (name == "awsRoleArn") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.role_arn = value;
    } else if (name == "awsRoleSessionName") {
      if (!valid_session_name(value)) {
        return Status::invalid_argument("MSK IAM login option awsRoleSessionName: '" + value +
                                        "' is not 2..64 characters of letters, digits and _+=,.@-");
      }
      out.role_session_name = value;
      session_name_set = true;
    } else if (name == "awsRoleExternalId") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.role_external_id = value;
      external_id_set = true;
    } else if (name == "awsStsRegion") {
      if (!is_region_name(value)) {
        return Status::invalid_argument("MSK IAM login option awsStsRegion: '" + value +
                                        "' is not an AWS region name");
      }
      out.sts_region = value;
    } else if (name == "awsRoleAccessKeyId") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.role_source_credentials.access_key_id = value;
    } else if (name == "awsRoleSecretAccessKey") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.role_source_credentials.secret_access_key = value;
    } else if (name == "awsRoleSessionToken") {
      SLUICE_RETURN_IF_ERROR(non_empty(name, value));
      out.role_source_credentials.session_token = value;
    } else if (name == "awsDebugCreds") {
      SLUICE_ASSIGN_OR_RETURN(out.debug_credentials, parse_bool(name, value));
    } else if (name == "awsAddDefaultProviders") {
      SLUICE_ASSIGN_OR_RETURN(out.add_default_providers, parse_bool(name, value));
    } else if (name == "awsMaxRetries") {
      SLUICE_ASSIGN_OR_RETURN(out.max_retries, parse_count(name, value, 100));
    } else if (name == "awsMaxBackOffTimeMs") {
      SLUICE_ASSIGN_OR_RETURN(int ms, parse_count(name, value, 600'000));
      out.max_back_off = std::chrono::milliseconds(ms);
    } else {
      return Status::invalid_argument(
          "unknown MSK IAM login option '" + name +
          "' (known: awsProfileName, awsRoleArn, awsRoleSessionName, awsRoleExternalId, "
          "awsStsRegion, awsRoleAccessKeyId, awsRoleSecretAccessKey, awsRoleSessionToken, "
          "awsDebugCreds, awsMaxRetries, awsMaxBackOffTimeMs, awsAddDefaultProviders)");
    }
  }
  const AwsCredentials& keys = out.role_source_credentials;
  if (keys.access_key_id.empty() != keys.secret_access_key.empty()) {
    return Status::invalid_argument(
        "MSK IAM login options awsRoleAccessKeyId and awsRoleSecretAccessKey must be set together");
  }
  if (!keys.session_token.empty() && keys.access_key_id.empty()) {
    return Status::invalid_argument(
        "MSK IAM login option awsRoleSessionToken needs awsRoleAccessKeyId and "
        "awsRoleSecretAccessKey");
  }
  // The Java module silently ignores these without a role; here they would be a configuration
  // that does not do what its author thinks.
  if (out.role_arn.empty()) {
    for (auto [set, option] : {std::pair{!keys.access_key_id.empty(), "awsRoleAccessKeyId"},
                               std::pair{session_name_set, "awsRoleSessionName"},
                               std::pair{external_id_set, "awsRoleExternalId"}}) {
      if (set) {
        return Status::invalid_argument(std::string("MSK IAM login option ") + option +
                                        " needs awsRoleArn");
      }
    }
  }
  if (!keys.access_key_id.empty() && !out.profile_name.empty()) {
    return Status::invalid_argument(
        "MSK IAM login options awsProfileName and awsRoleAccessKeyId both name the credentials "
        "that assume the role; set one");
  }
  out.role_source_credentials.provider = "msk-iam-login-options";
  return out;
}

MskIamTokenProvider::MskIamTokenProvider(std::shared_ptr<CredentialsProvider> credentials,
                                         std::string region,
                                         std::function<Clock::time_point()> clock,
                                         std::string user_agent)
    : credentials_(std::move(credentials)),
      region_(std::move(region)),
      clock_(clock ? std::move(clock) : [] { return Clock::now(); }),
      user_agent_(std::move(user_agent)) {}

Result<MskIamToken> MskIamTokenProvider::token() {
  // Outside the lock: a credentials fetch may take seconds (STS, IMDS), and the provider
  // serialises its own refreshes.
  Result<AwsCredentials> credentials = credentials_->credentials();
  if (!credentials.ok()) return credentials.status().with_context("MSK IAM token for " + region_);
  std::string fingerprint = credentials_fingerprint(*credentials);
  Clock::time_point now = clock_();

  std::lock_guard lock(mutex_);
  if (cached_.has_value() && fingerprint == signed_with_ && now < refresh_at_) return *cached_;
  SLUICE_ASSIGN_OR_RETURN(MskIamToken fresh,
                          make_msk_iam_token(*credentials, region_, now, user_agent_));
  // New when less than 20% of the lifetime is left: librdkafka asks again at 80% of it.
  refresh_at_ = fresh.expiration - (fresh.expiration - now) / 5;
  signed_with_ = std::move(fingerprint);
  cached_ = fresh;
  return fresh;
}

Result<std::unique_ptr<MskIamTokenProvider>> make_msk_iam_token_provider(
    const MskIamLoginOptions& options, std::string region, DefaultChainOptions chain_options) {
  if (!is_region_name(region)) {
    return Status::invalid_argument("MSK IAM: '" + region + "' is not an AWS region name");
  }
  EnvironmentCredentialsProvider::Lookup env =
      chain_options.env ? chain_options.env : process_environment();
  std::unique_ptr<CredentialsProvider> base;
  if (!options.role_arn.empty() && !options.role_source_credentials.empty()) {
    base = std::make_unique<StaticCredentialsProvider>(options.role_source_credentials);
  } else if (!options.profile_name.empty()) {
    ProfileProviderOptions profile_options;
    profile_options.profile = options.profile_name;
    profile_options.sts = chain_options.sts;
    base = std::make_unique<ProfileCredentialsProvider>(env, std::move(profile_options));
  } else {
    chain_options.env = env;
    base = make_default_credentials_chain(AwsCredentials{}, chain_options);
  }
  // aws-msk-iam-auth tries the profile before the role (its delegate chain takes the first that
  // answers), so with both options set the role is never assumed; keep that, and say so.
  const bool profile_wins =
      !options.profile_name.empty() && options.role_source_credentials.empty();
  if (!options.role_arn.empty() && profile_wins) {
    SLUICE_LOG(kAws).warn(
        "MSK IAM: awsRoleArn {} is not assumed: awsProfileName {} takes precedence, as in "
        "aws-msk-iam-auth",
        options.role_arn, options.profile_name);
  }
  if (!options.role_arn.empty() && !profile_wins) {
    StsClientOptions sts_options = chain_options.sts;
    sts_options.region = options.sts_region.empty() ? region : options.sts_region;
    AssumeRoleRequest request;
    request.role_arn = options.role_arn;
    request.role_session_name = options.role_session_name;
    request.external_id = options.role_external_id;
    base = make_assume_role_provider(
        std::move(base), std::make_shared<StsClient>(std::move(sts_options)), std::move(request));
  }
  auto credentials = std::make_shared<MskCredentialsProvider>(std::move(base), options);
  return std::make_unique<MskIamTokenProvider>(std::move(credentials), std::move(region));
}

}  // namespace sluice::aws
