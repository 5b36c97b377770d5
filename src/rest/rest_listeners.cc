#include "rest/rest_listeners.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>
#include <cstdlib>

#include "rest/basic_auth.h"
#include "rest/rest_tls.h"

namespace sluice::rest {

namespace {

std::string listener_text(const config::RestListener& l) {
  return l.scheme + "://" + l.host + ":" + std::to_string(l.port);
}

std::string list_text(const std::vector<config::RestListener>& listeners) {
  std::string out;
  for (const config::RestListener& l : listeners) {
    if (!out.empty()) out += ",";
    out += listener_text(l);
  }
  return out;
}

bool any_https(const std::vector<config::RestListener>& listeners) {
  for (const config::RestListener& l : listeners) {
    if (l.scheme == "https") return true;
  }
  return false;
}

// The TLS settings of one kind of listener, when one of them is https.
void check_tls(const std::vector<config::RestListener>& listeners,
               const std::map<std::string, std::string>& prefixed, const std::string& prefix,
               const config::WorkerConfig& worker, std::vector<config::ConfigProblem>* out) {
  if (!any_https(listeners)) return;
  ServerTlsSettings settings = server_tls_settings(prefixed, prefix, worker);
  Status status = check_server_tls(settings);
  if (status.ok()) return;
  out->push_back(config::ConfigProblem{
      prefix.empty() ? "ssl." : prefix, "[hidden]",
      status.message() + " (needed by the https listener of " +
          (prefix == "admin.listeners.https." ? "admin.listeners" : "listeners") + ")"});
}

// A listener other than loopback, without authentication and without the explicit opt-out.
void check_exposed(const std::string& key, const std::vector<config::RestListener>& listeners,
                   std::vector<config::ConfigProblem>* out) {
  for (const config::RestListener& l : listeners) {
    if (is_loopback_listener(l)) continue;
    out->push_back(config::ConfigProblem{
        key, list_text(listeners),
        "Invalid value " + list_text(listeners) + " for configuration " + key + ": the listener " +
            listener_text(l) +
            " is reachable from other machines but the REST API has no authentication; "
            "configure basic authentication (sluice.rest.basic.auth.credentials.file=<file of "
            "user: password lines>, or rest.extension.classes with Kafka's "
            "BasicAuthSecurityRestExtension and its JAAS file), listen on loopback only (e.g. "
            "http://127.0.0.1:8083), or set sluice.rest.allow.unauthenticated=true if something "
            "else, such as a Kubernetes NetworkPolicy, protects it"});
    return;
  }
}

}  // namespace

bool is_loopback_listener(const config::RestListener& listener) {
  std::string host = listener.host;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker) {
  const char* opts = std::getenv("KAFKA_OPTS");
  return check_rest_listeners(worker, opts == nullptr ? "" : opts);
}

std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker,
                                                        std::string_view kafka_opts) {
  std::vector<config::ConfigProblem> out;
  const std::vector<config::RestListener> none;
  const std::vector<config::RestListener>& admin =
      worker.admin_listeners() ? *worker.admin_listeners() : none;
  check_tls(worker.rest_listeners(), worker.rest_https_settings(), "listeners.https.", worker,
            &out);
  check_tls(admin, worker.admin_https_settings(), "admin.listeners.https.", worker, &out);

  bool authenticated = false;
  Result<std::optional<std::string>> file = basic_auth_credentials_file(worker, kafka_opts);
  if (!file.ok()) {
    std::string key = worker.rest_basic_auth_credentials_file()
                          ? "sluice.rest.basic.auth.credentials.file"
                          : "rest.extension.classes";
    out.push_back(config::ConfigProblem{key, "", file.status().message()});
    authenticated = true;  // configured, if wrongly: the problem above is enough
  } else if (file->has_value()) {
    authenticated = true;
    Result<std::shared_ptr<BasicAuthenticator>> auth = BasicAuthenticator::open(**file);
    if (!auth.ok()) {
      out.push_back(config::ConfigProblem{worker.rest_basic_auth_credentials_file()
                                              ? "sluice.rest.basic.auth.credentials.file"
                                              : "rest.extension.classes",
                                          **file, auth.status().message()});
    }
  }
  if (!authenticated && !worker.rest_allow_unauthenticated()) {
    check_exposed("listeners", worker.rest_listeners(), &out);
    check_exposed("admin.listeners", admin, &out);
  }
  return out;
}

std::string advertised_worker_id(const config::WorkerConfig& worker,
                                 const std::vector<int>& bound_ports,
                                 const std::string& local_host) {
  const std::vector<config::RestListener>& listeners = worker.rest_listeners();
  // determineAdvertisedProtocol(): rest.advertised.listener, else http when a listener has it.
  std::string scheme = worker.rest_advertised_listener().value_or("");
  if (scheme.empty()) {
    scheme = "https";
    for (const config::RestListener& l : listeners) {
      if (l.scheme == "http") scheme = "http";
    }
  }
  size_t chosen = 0;
  for (size_t i = 0; i < listeners.size(); ++i) {
    if (listeners[i].scheme == scheme) {
      chosen = i;
      break;
    }
  }
  std::string host = worker.rest_advertised_host_name().value_or("");
  if (host.empty()) host = listeners[chosen].host;
  if (host.empty()) host = local_host;
  int port = worker.rest_advertised_port().value_or(bound_ports[chosen]);
  return host + ":" + std::to_string(port);
}

}  // namespace sluice::rest
