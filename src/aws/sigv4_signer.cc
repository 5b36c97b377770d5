#include "aws/sigv4_signer.h"

#include <algorithm>
#include <array>
#include <ctime>

#include "aws/uri_encoding.h"

namespace sluice::aws {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Headers a client or proxy may add, drop or rewrite in transit; signing them would break the
// signature without protecting anything.
bool is_unsigned_header(std::string_view lower_name) {
  static constexpr std::array<std::string_view, 12> kUnsigned = {"authorization",
                                                                 "connection",
                                                                 "expect",
                                                                 "keep-alive",
                                                                 "proxy-authorization",
                                                                 "te",
                                                                 "trailer",
                                                                 "transfer-encoding",
                                                                 "upgrade",
                                                                 "user-agent",
                                                                 "accept",
                                                                 "x-amzn-trace-id"};
  return std::find(kUnsigned.begin(), kUnsigned.end(), lower_name) != kUnsigned.end();
}

// Trims the value and collapses each run of spaces (and tabs) to one space (spec §4.3).
std::string canonical_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

void set_header(http::HeaderList& headers, std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return http::header_name_equals(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string scope_of(std::string_view amz_date, std::string_view region, std::string_view service) {
  std::string scope(amz_date.substr(0, 8));
  scope += '/';
  scope += region;
  scope += '/';
  scope += service;
  scope += "/aws4_request";
  return scope;
}

}  // namespace

std::string format_amz_date(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 20> buffer{};
  std::strftime(buffer.data(), buffer.size(), "%Y%m%dT%H%M%SZ", &utc);
  return std::string(buffer.data());
}

std::string canonical_query_string(const QueryParams& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) encoded.emplace_back(uri_encode(name), uri_encode(value));
  // Sorting happens after encoding: the byte order of the encoded strings is what AWS sorts by.
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::pair<std::string, std::string> canonical_headers(const http::HeaderList& headers) {
  std::vector<std::pair<std::string, std::string>> lowered;
  lowered.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(canonical_header_value(name));
    if (is_unsigned_header(lower)) continue;
    lowered.emplace_back(std::move(lower), canonical_header_value(value));
  }
  // Stable: repeated headers are joined in the order they are sent.
  std::stable_sort(lowered.begin(), lowered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string block;
  std::string names;
  for (size_t i = 0; i < lowered.size(); ++i) {
    if (i > 0 && lowered[i].first == lowered[i - 1].first) {
      block.pop_back();  // the '\n' of the previous line: join repeated names with ','
      block += ',';
    } else {
      if (!names.empty()) names += ';';
      names += lowered[i].first;
      block += lowered[i].first;
      block += ':';
    }
    block += lowered[i].second;
    block += '\n';
  }
  return {std::move(block), std::move(names)};
}

SigV4Signer::SigV4Signer(std::string service, std::string region)
    : service_(std::move(service)), region_(std::move(region)) {}

Sha256Digest SigV4Signer::signing_key(std::string_view secret, std::string_view yyyymmdd,
                                      std::string_view region, std::string_view service) {
  std::string seed = "AWS4";
  seed += secret;
  Sha256Digest k_date = hmac_sha256(seed, yyyymmdd);
  // Overwrite the copy of the secret before the string's memory goes back to the allocator.
  std::fill(seed.begin(), seed.end(), '\0');
  auto as_view = [](const Sha256Digest& d) {
    return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
  };
  Sha256Digest k_region = hmac_sha256(as_view(k_date), region);
  Sha256Digest k_service = hmac_sha256(as_view(k_region), service);
  return hmac_sha256(as_view(k_service), "aws4_request");
}

std::string SigV4Signer::chunk_signature(const Sha256Digest& signing_key, std::string_view amz_date,
                                         std::string_view scope,
                                         std::string_view previous_signature,
                                         std::string_view chunk) {
  std::string to_sign = "AWS4-HMAC-SHA256-PAYLOAD\n";
  to_sign += amz_date;
  to_sign += '\n';
  to_sign += scope;
  to_sign += '\n';
  to_sign += previous_signature;
  to_sign += '\n';
  to_sign += kEmptyPayloadSha256;
  to_sign += '\n';
  to_sign += sha256_hex(chunk);
  std::string_view key(reinterpret_cast<const char*>(signing_key.data()), signing_key.size());
  return hex_encode(hmac_sha256(key, to_sign));
}

SigningResult SigV4Signer::compute(const SignableRequest& request, const std::string& secret,
                                   const std::string& amz_date) const {
  SigningResult out;
  out.amz_date = amz_date;
  out.scope = scope_of(amz_date, region_, service_);
  auto [header_block, signed_headers] = canonical_headers(request.headers);
  out.signed_headers = std::move(signed_headers);

  std::string& cr = out.canonical_request;
  cr += request.method;
  cr += '\n';
  cr += request.canonical_uri.empty() ? "/" : request.canonical_uri;
  cr += '\n';
  cr += canonical_query_string(request.query);
  cr += '\n';
  cr += header_block;
  cr += '\n';
  cr += out.signed_headers;
  cr += '\n';
  cr += request.payload_hash;

  out.string_to_sign = std::string(kAlgorithm) + "\n" + amz_date + "\n" + out.scope + "\n" +
                       sha256_hex(out.canonical_request);
  Sha256Digest key =
      signing_key(secret, std::string_view(amz_date).substr(0, 8), region_, service_);
  out.signature = hex_encode(hmac_sha256(
      std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), out.string_to_sign));
  return out;
}

SigningResult SigV4Signer::sign(SignableRequest& request, const AwsCredentials& credentials,
                                std::chrono::system_clock::time_point now) const {
  std::string amz_date = format_amz_date(now);
  if (request.payload_hash.empty()) request.payload_hash = kEmptyPayloadSha256;
  set_header(request.headers, "x-amz-date", amz_date);
  if (service_ == "s3") set_header(request.headers, "x-amz-content-sha256", request.payload_hash);
  if (!credentials.session_token.empty()) {
    set_header(request.headers, "x-amz-security-token", credentials.session_token);
  }
  std::erase_if(request.headers,
                [](const auto& h) { return http::header_name_equals(h.first, "authorization"); });
  SigningResult out = compute(request, credentials.secret_access_key, amz_date);
  out.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                      out.scope + ", SignedHeaders=" + out.signed_headers +
                      ", Signature=" + out.signature;
  request.headers.emplace_back("Authorization", out.authorization);
  return out;
}

Result<std::string> SigV4Signer::presign_query(const SignableRequest& request,
                                               const AwsCredentials& credentials,
                                               std::chrono::system_clock::time_point now,
                                               std::chrono::seconds expires,
                                               SigningResult* details) const {
  if (expires.count() < 1 || expires.count() > 604800) {
    return Status::invalid_argument("presigned URL expiry must be 1..604800 seconds, got " +
                                    std::to_string(expires.count()));
  }
  std::string amz_date = format_amz_date(now);
  SignableRequest signable = request;
  if (signable.payload_hash.empty()) {
    signable.payload_hash = service_ == "s3" ? kUnsignedPayload : kEmptyPayloadSha256;
  }
  std::string signed_headers = canonical_headers(signable.headers).second;
  signable.query.emplace_back("X-Amz-Algorithm", std::string(kAlgorithm));
  signable.query.emplace_back(
      "X-Amz-Credential", credentials.access_key_id + "/" + scope_of(amz_date, region_, service_));
  signable.query.emplace_back("X-Amz-Date", amz_date);
  signable.query.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
  signable.query.emplace_back("X-Amz-SignedHeaders", signed_headers);
  if (!credentials.session_token.empty()) {
    signable.query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  SigningResult out = compute(signable, credentials.secret_access_key, amz_date);
  std::string query = canonical_query_string(signable.query);
  query += "&X-Amz-Signature=";
  query += out.signature;
  if (details != nullptr) *details = std::move(out);
  return query;
}

}  // namespace sluice::aws
