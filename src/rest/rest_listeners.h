// What the worker's REST keys mean for this process: which listeners can be served, and the
// worker id Kafka Connect derives from the advertised URL (RestServer.advertisedUrl():
// rest.advertised.listener picks the scheme, rest.advertised.host.name and rest.advertised.port
// override the listener's host and port; the id is "host:port").
//
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config_problem.h"
#include "config/worker_config.h"

namespace sluice::rest {

// Problems with the listeners and their security, found before connecting: TLS settings of
// https listeners that cannot be used, a basic authentication configuration that cannot be read,
// and a listener (main or admin) on an address other than loopback with neither basic
// authentication nor sluice.rest.allow.unauthenticated=true. Reads KAFKA_OPTS (for the JAAS
// file) from the environment.
std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker);
// The same with KAFKA_OPTS given.
std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker,
                                                        std::string_view kafka_opts);

// Whether a listener's host is loopback only: 127.0.0.0/8, ::1 or localhost (an empty host is
// every interface, so it is not).
bool is_loopback_listener(const config::RestListener& listener);

// "host:port" of the advertised URL. `bound_ports` are the listeners' ports after binding, in
// listener order; `local_host` stands for a listener bound to every interface (Connect uses the
// machine's address there). REQUIRES: bound_ports.size() == worker.rest_listeners().size() > 0.
std::string advertised_worker_id(const config::WorkerConfig& worker,
                                 const std::vector<int>& bound_ports,
                                 const std::string& local_host);

}  // namespace sluice::rest
