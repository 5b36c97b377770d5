#include "rest/metrics_route.h"

#include "metrics/text_format.h"

namespace sluice::rest {

void add_metrics_route(Router* router, std::function<std::string()> render) {
  router->add("GET", "/metrics", [render = std::move(render)](const Request&, const PathParams&) {
    Response response;
    response.body = render();
    response.content_type = std::string(metrics::kTextContentType);
    return response;
  });
}

}  // namespace sluice::rest
