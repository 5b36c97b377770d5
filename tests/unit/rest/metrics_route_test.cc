// GET /metrics through the Router: the renderer's text with Prometheus' content type.
#include "rest/metrics_route.h"

#include <gtest/gtest.h>

namespace sluice::rest {
namespace {

TEST(MetricsRouteTest, AnswersTheRenderedTextAsPrometheusText) {
  Router router;
  int renders = 0;
  add_metrics_route(&router, [&renders] {
    ++renders;
    return "# TYPE x gauge\nx " + std::to_string(renders) + "\n";
  });
  Request get{"GET", "/metrics", {}, ""};
  Response first = router.route(get);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(first.body, "# TYPE x gauge\nx 1\n");
  EXPECT_EQ(router.route(get).body, "# TYPE x gauge\nx 2\n");  // rendered per scrape
  Response post = router.route(Request{"POST", "/metrics", {}, ""});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.content_type, "application/json");
}

}  // namespace
}  // namespace sluice::rest
