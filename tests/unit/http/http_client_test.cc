// HttpClient against an in-process cpp-httplib server.
#include "http/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "http/test_http_server.h"

namespace sluice::http {
namespace {

using testing::RecordedRequest;
using testing::TestHttpServer;

TEST(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.status = 404;
    res.set_header("X-Amz-Request-Id", "REQ123");
    res.set_content("<Error/>", "application/xml");
  });
  HttpClient client;
  HttpRequest request;
  request.url = server.url("/bucket/key");
  Result<HttpResponse> response = client.send(request);
  ASSERT_TRUE(response.ok()) << response.status().to_string();
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "<Error/>");
  ASSERT_NE(response->header("x-amz-request-id"), nullptr);  // case-insensitive lookup
  EXPECT_EQ(*response->header("x-amz-request-id"), "REQ123");
  EXPECT_EQ(*response->header("CONTENT-TYPE"), "application/xml");
  EXPECT_EQ(response->header("x-missing"), nullptr);
}

TEST(HttpClientTest, SendsPathAndQueryExactlyAsGiven) {
  // Signing depends on it (spec msk-connect-and-aws.md §4.2): no re-encoding, no '..' resolution,
  // no '//' collapse.
  TestHttpServer server;
  HttpClient client;
  HttpRequest request;
  request.url = server.url("/b/a//x/../%2Bc%20d?uploadId=a%2Fb&partNumber=1");
  ASSERT_TRUE(client.send(request).ok());
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].target, "/b/a//x/../%2Bc%20d?uploadId=a%2Fb&partNumber=1");
}

TEST(HttpClientTest, PutSendsBodyWithContentLengthAndCustomHeaders) {
  TestHttpServer server;
  HttpClientOptions options;
  options.expect_continue = false;
  options.user_agent = "sluice/test";
  HttpClient client(options);
  HttpRequest request;
  request.method = "PUT";
  request.url = server.url("/k");
  request.headers = {{"x-amz-acl", "bucket-owner-full-control"}};
  request.body = "hello world";
  Result<HttpResponse> response = client.send(request);
  ASSERT_TRUE(response.ok()) << response.status().to_string();
  RecordedRequest seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "PUT");
  EXPECT_EQ(seen.body, "hello world");
  EXPECT_EQ(seen.header("Content-Length"), "11");
  EXPECT_EQ(seen.headers.count("Transfer-Encoding"), 0u);
  EXPECT_EQ(seen.headers.count("Expect"), 0u);
  EXPECT_EQ(seen.headers.find("x-amz-acl")->second, "bucket-owner-full-control");
  EXPECT_EQ(seen.headers.find("User-Agent")->second, "sluice/test");
}

TEST(HttpClientTest, PostSendsChunksBackToBack) {
  TestHttpServer server;
  HttpClient client;
  std::vector<std::string_view> chunks = {"<Complete>", "", "<Part>1</Part>", "</Complete>"};
  HttpRequest request;
  request.method = "POST";
  request.url = server.url("/k?uploadId=1");
  request.body_chunks = chunks;
  ASSERT_TRUE(client.send(request).ok());
  RecordedRequest seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, "<Complete><Part>1</Part></Complete>");
  EXPECT_EQ(seen.header("Content-Length"), "35");
  // Upload mode must not smuggle in a form content type.
  EXPECT_EQ(seen.headers.count("Content-Type"), 0u);
}

TEST(HttpClientTest, EmptyPostStillSendsContentLengthZero) {
  // CreateMultipartUpload is a POST without a body.
  TestHttpServer server;
  HttpClient client;
  HttpRequest request;
  request.method = "POST";
  request.url = server.url("/k?uploads=");
  ASSERT_TRUE(client.send(request).ok());
  RecordedRequest seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.header("Content-Length"), "0");
  EXPECT_EQ(seen.headers.count("Expect"), 0u);
}

TEST(HttpClientTest, ExpectContinueIsSentForBodiesWhenEnabled) {
  TestHttpServer server;
  HttpClientOptions options;
  options.expect_continue = true;
  HttpClient client(options);
  HttpRequest request;
  request.method = "PUT";
  request.url = server.url("/k");
  std::string body(4096, 'x');
  request.body = body;
  ASSERT_EQ(client.send(request)->status, 200);
  RecordedRequest seen = server.requests().at(0);
  ASSERT_EQ(seen.headers.count("Expect"), 1u);
  EXPECT_EQ(seen.headers.find("Expect")->second, "100-continue");
  EXPECT_EQ(seen.body.size(), 4096u);
}

TEST(HttpClientTest, HeadAndDeleteUseTheirMethods) {
  TestHttpServer server;
  HttpClient client;
  HttpRequest head;
  head.method = "HEAD";
  head.url = server.url("/k");
  Result<HttpResponse> head_response = client.send(head);
  ASSERT_TRUE(head_response.ok());
  EXPECT_EQ(head_response->status, 200);
  EXPECT_EQ(head_response->body, "");
  HttpRequest del;
  del.method = "DELETE";
  del.url = server.url("/k?uploadId=9");
  ASSERT_TRUE(client.send(del).ok());
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[0].method, "HEAD");
  EXPECT_EQ(server.requests()[1].method, "DELETE");
  EXPECT_EQ(server.requests()[1].headers.count("Content-Length"), 0u);
}

TEST(HttpClientTest, ReusesTheConnectionBetweenRequests) {
  TestHttpServer server;
  HttpClient client;
  HttpRequest request;
  request.url = server.url("/one");
  ASSERT_TRUE(client.send(request).ok());
  request.method = "PUT";
  request.url = server.url("/two");
  request.body = "x";
  ASSERT_TRUE(client.send(request).ok());
  std::vector<RecordedRequest> seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].remote_port, seen[1].remote_port);  // same TCP connection
}

TEST(HttpClientTest, ConnectionRefusedIsRetriable) {
  int port;
  {
    TestHttpServer server;  // find a port, then close it
    port = server.port();
  }
  HttpClient client;
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/k?X-Amz-Signature=secret";
  Result<HttpResponse> response = client.send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kRetriable);
  EXPECT_NE(response.status().message().find("HTTP GET http://127.0.0.1:" + std::to_string(port) +
                                             "/k: Couldn't connect to server"),
            std::string::npos)
      << response.status().message();
  // The query (which may carry a presigned signature) stays out of messages.
  EXPECT_EQ(response.status().message().find("secret"), std::string::npos);
}

TEST(HttpClientTest, TotalTimeoutIsRetriable) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.status = 200;
  });
  HttpClientOptions options;
  options.request_timeout = std::chrono::milliseconds(200);
  HttpClient client(options);
  HttpRequest request;
  request.url = server.url("/slow");
  auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> response = client.send(request);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1200));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kRetriable);
  EXPECT_NE(response.status().message().find("Timeout"), std::string::npos)
      << response.status().message();
}

TEST(HttpClientTest, CancelFlagAbortsTheTransfer) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.status = 200;
  });
  std::atomic<bool> cancel{false};
  HttpClientOptions options;
  options.cancel = &cancel;
  HttpClient client(options);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  HttpRequest request;
  request.url = server.url("/slow");
  Result<HttpResponse> response = client.send(request);
  canceller.join();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kCancelled);
}

TEST(HttpClientTest, UnsupportedSchemeIsInvalidArgument) {
  HttpClient client;
  HttpRequest request;
  request.url = "gopherx://example/";
  EXPECT_EQ(client.send(request).status().code(), StatusCode::kInvalidArgument);
}

TEST(HttpClientTest, HeaderNameComparisonIgnoresAsciiCase) {
  EXPECT_TRUE(header_name_equals("ETag", "etag"));
  EXPECT_FALSE(header_name_equals("ETag", "etags"));
  EXPECT_FALSE(header_name_equals("x-amz-a", "x-amz-b"));
}

}  // namespace
}  // namespace sluice::http
