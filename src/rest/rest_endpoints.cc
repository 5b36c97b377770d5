#include "rest/rest_endpoints.h"

#include <chrono>
#include <cstdlib>

#include "rest/admin_loggers.h"

namespace sluice::rest {

namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<RestEndpoints>> RestEndpoints::bind(const config::WorkerConfig& worker,
                                                           Router* router) {
  std::unique_ptr<RestEndpoints> out(new RestEndpoints());
  const char* kafka_opts = std::getenv("KAFKA_OPTS");
  SLUICE_ASSIGN_OR_RETURN(std::optional<std::string> credentials,
                          basic_auth_credentials_file(worker, kafka_opts ? kafka_opts : ""));
  std::shared_ptr<const BasicAuthenticator> auth;
  if (credentials) {
    SLUICE_ASSIGN_OR_RETURN(auth, BasicAuthenticator::open(*credentials));
  }
  ListenerSecurity main{
      server_tls_settings(worker.rest_https_settings(), "listeners.https.", worker), auth};
  SLUICE_ASSIGN_OR_RETURN(out->main_, RestServer::bind(worker.rest_listeners(), router, main));
  const std::optional<std::vector<config::RestListener>>& admin = worker.admin_listeners();
  if (!admin) {
    add_admin_logger_routes(router, now_ms);
  } else if (!admin->empty()) {
    add_admin_logger_routes(&out->admin_router_, now_ms);
    ListenerSecurity admin_security{
        server_tls_settings(worker.admin_https_settings(), "admin.listeners.https.", worker), auth};
    SLUICE_ASSIGN_OR_RETURN(out->admin_,
                            RestServer::bind(*admin, &out->admin_router_, admin_security));
  }
  return out;
}

RestEndpoints::~RestEndpoints() {
  stop();
}

std::vector<int> RestEndpoints::admin_bound_ports() const {
  return admin_ ? admin_->bound_ports() : std::vector<int>();
}

void RestEndpoints::serve() {
  main_->serve();
  if (admin_) admin_->serve();
}

void RestEndpoints::stop() {
  if (main_) main_->stop();
  if (admin_) admin_->stop();
}

}  // namespace sluice::rest
