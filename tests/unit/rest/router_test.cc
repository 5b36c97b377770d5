// Router: Jersey's matching and Connect's answers when nothing matches (Kafka Connect's
// ConnectExceptionMapper renders Jersey's NotFoundException/NotAllowedException as
// {"error_code":404,"message":"HTTP 404 Not Found"} and {"error_code":405,...}).
#include "rest/router.h"

#include <gtest/gtest.h>

namespace sluice::rest {
namespace {

Request get(std::string path) {
  return Request{"GET", std::move(path), {}, {}};
}

Router make_router(std::string* seen) {
  Router r;
  r.add("GET", "/connectors/{name}/tasks/{id:int}/status",
        [seen](const Request&, const PathParams& p) {
          *seen = p.at("name") + "#" + p.at("id");
          return Response{200, "task"};
        });
  r.add("GET", "/connectors/{name}", [seen](const Request&, const PathParams& p) {
    *seen = p.at("name");
    return Response{200, "connector"};
  });
  r.add("GET", "/", [](const Request&, const PathParams&) { return Response{200, "root"}; });
  return r;
}

TEST(RouterTest, FillsPathParameters) {
  std::string seen;
  Router r = make_router(&seen);
  Response res = r.route(get("/connectors/orders/tasks/3/status"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "task");
  EXPECT_EQ(seen, "orders#3");
  EXPECT_EQ(r.route(get("/connectors/orders")).body, "connector");
  EXPECT_EQ(seen, "orders");
  EXPECT_EQ(r.route(get("/")).body, "root");
}

TEST(RouterTest, TrailingSlashIsIgnored) {
  std::string seen;
  Router r = make_router(&seen);
  EXPECT_EQ(r.route(get("/connectors/orders/")).body, "connector");
}

TEST(RouterTest, UnknownPathIsJerseys404) {
  std::string seen;
  Router r = make_router(&seen);
  Response res = r.route(get("/nothing/here"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, R"({"error_code":404,"message":"HTTP 404 Not Found"})");
}

TEST(RouterTest, NonIntegerTaskIdIsNotFound) {
  // GET /connectors/x/tasks/abc/status: the int path parameter cannot be converted.
  std::string seen;
  Router r = make_router(&seen);
  Response res = r.route(get("/connectors/orders/tasks/abc/status"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, R"({"error_code":404,"message":"HTTP 404 Not Found"})");
  EXPECT_EQ(seen, "");
}

TEST(RouterTest, KnownPathWithOtherMethodIs405) {
  std::string seen;
  Router r = make_router(&seen);
  Response res = r.route(Request{"DELETE", "/connectors/orders/tasks/1/status", {}, {}});
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.body, R"({"error_code":405,"message":"HTTP 405 Method Not Allowed"})");
  EXPECT_EQ(r.route(Request{"POST", "/", {}, {}}).status, 405);
}

TEST(RouterTest, ErrorBodyEscapesTheMessage) {
  EXPECT_EQ(error_response(404, "Connector a\"b not found").body,
            R"({"error_code":404,"message":"Connector a\"b not found"})");
}

}  // namespace
}  // namespace sluice::rest
