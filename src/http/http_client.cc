#include "http/http_client.h"

#include <curl/curl.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace sluice::http {

namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// libcurl's global state must be initialised once, before any thread uses an easy handle.
void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// Appends one "Name: value" line, keeping the list owned by `list` even when curl fails to grow
// it.
bool slist_append(SlistPtr& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return false;
  (void)list.release();  // `grown` now heads the same list
  list.reset(grown);
  return true;
}

// Feeds the request body to curl from a sequence of chunks without copying them.
struct BodyReader {
  std::span<const std::string_view> chunks;
  size_t chunk = 0;
  size_t offset = 0;  // within chunks[chunk]

  static size_t read(char* buffer, size_t size, size_t count, void* user) {
    auto* self = static_cast<BodyReader*>(user);
    size_t room = size * count;
    size_t written = 0;
    while (room > 0 && self->chunk < self->chunks.size()) {
      std::string_view current = self->chunks[self->chunk];
      size_t n = std::min(room, current.size() - self->offset);
      std::memcpy(buffer + written, current.data() + self->offset, n);
      written += n;
      room -= n;
      self->offset += n;
      if (self->offset == current.size()) {
        ++self->chunk;
        self->offset = 0;
      }
    }
    return written;
  }

  // curl rewinds the body when it must send it again (a connection that closed before the
  // response, an auth retry): only absolute positions are needed.
  static int seek(void* user, curl_off_t position, int origin) {
    auto* self = static_cast<BodyReader*>(user);
    if (origin != SEEK_SET || position < 0) return CURL_SEEKFUNC_CANTSEEK;
    auto remaining = static_cast<size_t>(position);
    self->chunk = 0;
    self->offset = 0;
    while (self->chunk < self->chunks.size() && remaining >= self->chunks[self->chunk].size()) {
      remaining -= self->chunks[self->chunk].size();
      ++self->chunk;
    }
    if (self->chunk == self->chunks.size() && remaining > 0) return CURL_SEEKFUNC_FAIL;
    self->offset = remaining;
    return CURL_SEEKFUNC_OK;
  }
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  response->body.append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  std::string_view line(data, size * count);
  // Each status line starts a new response (a "100 Continue" or a proxy's CONNECT answer comes
  // before the real one); keep only the headers of the last.
  if (line.starts_with("HTTP/")) {
    response->headers.clear();
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;  // the blank line that ends headers
  response->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                 std::string(trim(line.substr(colon + 1))));
  return size * count;
}

int check_cancel(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel->load(std::memory_order_relaxed) ? 1 : 0;
}

// The URL without its query, for messages: the query may carry a presigned signature.
std::string url_for_message(const std::string& url) {
  return url.substr(0, url.find('?'));
}

Status transfer_error(const HttpRequest& request, CURLcode code, const char* detail) {
  std::string message = "HTTP " + request.method + " " + url_for_message(request.url) + ": " +
                        curl_easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') {
    message += " (";
    message += trim(detail);
    message += ")";
  }
  switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
      return Status::cancelled(std::move(message));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_NOT_BUILT_IN:
      return Status::invalid_argument(std::move(message));
    // A certificate that does not verify will not verify on the next attempt either; retrying it
    // forever would hide a configuration problem.
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return Status::fatal(std::move(message));
    default:
      return Status::retriable(std::move(message));
  }
}

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (header_name_equals(key, name)) return &value;
  }
  return nullptr;
}

struct HttpClient::Handle {
  struct EasyDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  };
  std::unique_ptr<CURL, EasyDeleter> curl;
  std::array<char, CURL_ERROR_SIZE> error{};
};

HttpClient::HttpClient(HttpClientOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  ensure_curl_initialised();
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  if (!handle_) handle_ = std::make_unique<Handle>();  // a moved-from client starts afresh
  if (!handle_->curl) {
    handle_->curl.reset(curl_easy_init());
    if (!handle_->curl) return Status::fatal("HTTP: curl_easy_init failed");
  } else {
    // Resetting options keeps the connection cache, DNS cache and TLS sessions: the keep-alive
    // this client exists for.
    curl_easy_reset(handle_->curl.get());
  }
  CURL* curl = handle_->curl.get();
  handle_->error[0] = '\0';

  std::array<std::string_view, 1> single_body{request.body};
  BodyReader reader;
  reader.chunks = request.body_chunks.empty() ? std::span<const std::string_view>(single_body)
                                              : request.body_chunks;
  curl_off_t body_size = 0;
  for (std::string_view chunk : reader.chunks) body_size += static_cast<curl_off_t>(chunk.size());

  HttpResponse response;
  SlistPtr headers;
  bool has_expect = false;
  for (const auto& [name, value] : request.headers) {
    if (header_name_equals(name, "expect")) has_expect = true;
    // "Name:" would tell curl to drop the header; "Name;" sends it with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    if (!slist_append(headers, line)) return Status::fatal("HTTP: out of memory for headers");
  }
  const bool uploads = request.method == "PUT" || request.method == "POST" || body_size > 0;
  if (!has_expect) {
    const bool expect = uploads && options_.expect_continue && body_size > 0;
    if (!slist_append(headers, expect ? "Expect: 100-continue" : "Expect:"))
      return Status::fatal("HTTP: out of memory for headers");
  }

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  // S3 speaks HTTP/1.1 only; pinning it keeps header handling and Expect semantics predictable.
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error.data());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  if (options_.low_speed_bytes_per_second > 0 && options_.low_speed_time.count() > 0) {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_second);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.low_speed_time.count()));
  }
  if (!options_.user_agent.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  }
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(options_.ca_pem.data()), options_.ca_pem.size(),
                   CURL_BLOB_NOCOPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (!options_.client_cert_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERT, options_.client_cert_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, options_.client_cert_type.c_str());
  }
  if (!options_.client_key_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLKEY, options_.client_key_file.c_str());
  }
  if (!options_.client_key_password.empty()) {
    curl_easy_setopt(curl, CURLOPT_KEYPASSWD, options_.client_key_password.c_str());
  }
  if (!options_.proxy_url.empty()) {
    curl_easy_setopt(curl, CURLOPT_PROXY, options_.proxy_url.c_str());
    if (!options_.proxy_user.empty()) {
      curl_easy_setopt(curl, CURLOPT_PROXYUSERNAME, options_.proxy_user.c_str());
      curl_easy_setopt(curl, CURLOPT_PROXYPASSWORD, options_.proxy_password.c_str());
    }
  }
  if (options_.cancel != nullptr) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &check_cancel);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, options_.cancel);
  }

  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);

  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (uploads) {
    // Upload mode sends exactly body_size bytes with a Content-Length; the custom method turns
    // curl's PUT into POST (or anything else) without its form-encoding defaults.
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, body_size);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &BodyReader::read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, &BodyReader::seek);
    curl_easy_setopt(curl, CURLOPT_SEEKDATA, &reader);
    if (request.method != "PUT")
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  CURLcode code = curl_easy_perform(curl);
  // The header list and body reader live on this stack frame; make sure the reused handle keeps
  // no pointer to them.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  last_send_timed_out_ = code == CURLE_OPERATION_TIMEDOUT;
  if (code != CURLE_OK) return transfer_error(request, code, handle_->error.data());

  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace sluice::http
