// What the worker's REST keys mean for this process: which listeners can be served, and the
// worker id Kafka Connect derives from the advertised URL (RestServer.advertisedUrl():
// rest.advertised.listener picks the scheme, rest.advertised.host.name and rest.advertised.port
// override the listener's host and port; the id is "host:port").
//
// Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "config/config_problem.h"
#include "config/worker_config.h"

namespace sluice::rest {

// Problems with listeners sluice cannot serve yet (https).
std::vector<config::ConfigProblem> check_rest_listeners(const config::WorkerConfig& worker);

// "host:port" of the advertised URL. `bound_ports` are the listeners' ports after binding, in
// listener order; `local_host` stands for a listener bound to every interface (Connect uses the
// machine's address there). REQUIRES: bound_ports.size() == worker.rest_listeners().size() > 0.
std::string advertised_worker_id(const config::WorkerConfig& worker,
                                 const std::vector<int>& bound_ports,
                                 const std::string& local_host);

}  // namespace sluice::rest
