// Kafka Connect's admin logging endpoints (KIP-495, KIP-976) over sluice's named loggers
// (util/log.h):
//   GET /admin/loggers          {"sluice.avro":{"level":"INFO","last_modified":null},...}
//                               (root left out, as Connect 4.4 does)
//   GET /admin/loggers/{name}   {"level":"INFO","last_modified":null}; 404 "Logger <name> not
//                               found." for a name that is no logger or alias
//   PUT /admin/loggers/{name}   body {"level":"DEBUG"}: 200 with the sorted names of the loggers
//                               set (scope=worker, the default, and any unknown scope); 204 for
//                               scope=cluster (this process is the whole cluster); 400 "Desired
//                               'level' parameter was not specified in request." without a
//                               level; 404 "invalid log level '<level>'." for an unknown level;
//                               500 for a body that is not a JSON object (Jackson's error).
// Differs from Connect: a name that is neither a sluice logger, an alias of one, nor an ancestor
// of either is 404 on PUT too (Connect creates a log4j logger that nothing writes to).
//
// Stateless; the handlers are thread-safe (util/log.h is).
#pragma once

#include <cstdint>
#include <functional>

#include "rest/router.h"

namespace sluice::rest {

// `now_ms` gives the time recorded as a changed logger's last_modified.
void add_admin_logger_routes(Router* router, std::function<int64_t()> now_ms);

}  // namespace sluice::rest
