// TestHttpServer: a cpp-httplib server on 127.0.0.1 (random port) in a background thread, for
// tests of the HTTP client and the S3 store. It records every request and answers through a
// handler the test sets (default: 200 "ok").
#pragma once

// Debian's libcpp-httplib is compiled with these options, and some class layouts depend on them:
// include the header the same way (the pkg-config file's Cflags carry the same definitions).
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT 1
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT 1
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT 1
#endif
#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sluice::testing {

struct RecordedRequest {
  std::string method;
  std::string target;  // the raw request target: encoded path and query, as sent
  std::string path;    // target before '?'
  std::string query;   // target after '?', still encoded
  httplib::Headers headers;
  std::string body;
  int remote_port = 0;  // the client's port: equal ports mean a reused connection

  std::string header(const std::string& name) const {
    auto it = headers.find(name);  // httplib::Headers compares names case-insensitively
    return it == headers.end() ? std::string() : it->second;
  }
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

class TestHttpServer {
 public:
  using Handler = std::function<void(const RecordedRequest&, httplib::Response&)>;

  TestHttpServer() {
    auto record = [this](const httplib::Request& req, httplib::Response& res) {
      RecordedRequest r;
      r.method = req.method;
      r.target = req.target;
      size_t q = req.target.find('?');
      r.path = req.target.substr(0, q);
      r.query = q == std::string::npos ? "" : req.target.substr(q + 1);
      r.headers = req.headers;
      r.body = req.body;
      r.remote_port = req.remote_port;
      Handler handler;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(r);
        handler = handler_;
      }
      if (handler) {
        handler(r, res);
      } else {
        res.status = 200;
        res.set_content("ok", "text/plain");
      }
    };
    server_.Get(".*", record);
    server_.Put(".*", record);
    server_.Post(".*", record);
    server_.Delete(".*", record);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TestHttpServer() {
    server_.stop();
    thread_.join();
  }
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string url(const std::string& target) const { return base_url() + target; }

  void set_handler(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  Handler handler_;
};

}  // namespace sluice::testing
