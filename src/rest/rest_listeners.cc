#include "rest/rest_listeners.h"

namespace sluice::rest {

std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker) {
  std::vector<config::ConfigProblem> out;
  for (const config::RestListener& l : worker.rest_listeners()) {
    if (l.scheme != "https") continue;
    out.push_back(config::ConfigProblem{
        "listeners", l.scheme + "://" + l.host + ":" + std::to_string(l.port),
        "Invalid value for configuration listeners: sluice serves its REST API over http only "
        "so far; an https listener is refused rather than served without TLS"});
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
