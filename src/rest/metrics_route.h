// GET /metrics: the process's metrics in Prometheus' text exposition format (version 0.0.4), for
// a Prometheus server (or an agent such as the CloudWatch agent) to scrape. Kafka Connect has no
// such endpoint (it reports through JMX); sluice serves it on the same listeners as its
// Connect-compatible REST API.
#pragma once

#include <functional>
#include <string>

#include "rest/router.h"

namespace sluice::rest {

// Adds GET /metrics, answering `render()` with Content-Type metrics::kTextContentType. `render`
// must be thread-safe: requests are answered on the server's threads.
// REQUIRES: called before the server serves (Router::add).
void add_metrics_route(Router* router, std::function<std::string()> render);

}  // namespace sluice::rest
