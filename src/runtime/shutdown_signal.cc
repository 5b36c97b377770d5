#include "runtime/shutdown_signal.h"

#include <csignal>

namespace sluice::runtime {

namespace {
void on_signal(int) {
  ShutdownSignal::request();
}
}  // namespace

std::atomic<bool>& ShutdownSignal::flag() {
  static std::atomic<bool> requested{false};
  return requested;
}

void ShutdownSignal::install() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  // A closed pipe (log consumer gone) must not kill the process with uploads in flight.
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace sluice::runtime
