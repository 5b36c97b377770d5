// HttpClient: a small blocking HTTP/1.1 client over libcurl for talking to S3, STS and the
// instance-metadata services.
//
// One HttpClient owns one curl easy handle and reuses it for every request, so consecutive
// requests to the same host share a kept-alive connection (and TLS session). A client is used by
// ONE thread at a time: it is cheap, so give each thread (each upload worker) its own. Nothing in
// it is shared between instances except libcurl's global state, initialised once.
//
// The client never rewrites what it is given: the URL's path goes out byte for byte
// (CURLOPT_PATH_AS_IS), redirects are not followed, and no Accept-Encoding is offered (S3 objects
// come back as stored). That is what request signing needs: the bytes signed are the bytes sent.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace sluice::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive ASCII comparison, as HTTP header names need.
bool header_name_equals(std::string_view a, std::string_view b);

struct HttpRequest {
  std::string method = "GET";  // GET, HEAD, PUT, POST, DELETE
  std::string url;             // absolute and already percent-encoded; sent as is
  HeaderList headers;          // sent in this order; a "Host" entry replaces curl's own
  // The body, as one view or as a sequence of chunks sent back to back (body_chunks wins when
  // non-empty). Neither is owned: the memory must stay alive until send() returns. Content-Length
  // is always sent for methods that carry a body (PUT, POST), never chunked encoding.
  std::string_view body;
  std::span<const std::string_view> body_chunks;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // as received, in order, of the final response only
  std::string body;

  // The first header with this name (case-insensitive), or nullptr.
  const std::string* header(std::string_view name) const;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  // Whole-request ceiling (0 = none). Uploads of large parts need room: the stall detector below
  // is what catches a dead connection quickly.
  std::chrono::milliseconds request_timeout{300'000};
  // Abort when fewer than low_speed_bytes_per_second flow for low_speed_time (0 = off).
  long low_speed_bytes_per_second = 1;
  std::chrono::seconds low_speed_time{60};
  // Proxy ("http://host:port" or "https://host:port"); user/password override any user info in
  // the URL. The password is a secret: it is handed to curl and never put in a message.
  std::string proxy_url;
  std::string proxy_user;
  std::string proxy_password;
  // Extra CA bundle (PEM file) for endpoints with a private CA. TLS peer and host verification are
  // always on.
  std::string ca_file;
  // The same, as PEM text in memory (a PKCS#12 trust store converted by the caller).
  std::string ca_pem;
  // A client certificate for mutual TLS: PEM files, or one PKCS#12 file (client_cert_type "P12")
  // holding both; the key password is a secret, handed to curl only.
  std::string client_cert_file;
  std::string client_cert_type = "PEM";
  std::string client_key_file;
  std::string client_key_password;
  // Send "Expect: 100-continue" before a non-empty body (the server may refuse before the bytes
  // are sent); when false, curl's automatic Expect header is suppressed too.
  bool expect_continue = true;
  std::string user_agent;
  // When set and true, a request in flight is aborted and send() returns kCancelled. Read from the
  // transfer's progress callback, so it must outlive the client.
  const std::atomic<bool>* cancel = nullptr;
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // Sends the request and waits for the whole response. Any HTTP status is a successful Result;
  // a transport failure (DNS, connect, TLS, reset, timeout) is a kRetriable Status carrying
  // curl's message, a malformed URL or unsupported scheme is kInvalidArgument, and a cancelled
  // transfer is kCancelled.
  Result<HttpResponse> send(const HttpRequest& request);

  const HttpClientOptions& options() const { return options_; }
  // Whether the last send() failed because the connect or request timeout ran out (for metrics).
  bool last_send_timed_out() const { return last_send_timed_out_; }

 private:
  struct Handle;
  HttpClientOptions options_;
  std::unique_ptr<Handle> handle_;
  bool last_send_timed_out_ = false;
};

}  // namespace sluice::http
