#include "config/msk_connect_rules.h"

namespace sluice::config {

void check_msk_connect_worker_rules(const RawConfig& /*raw*/, ConfigReport* /*report*/) {
  // Intentionally empty until the MSK Connect issue lands; see the header for the algorithm
  // (spec msk-connect-and-aws.md §1.2, steps (a)-(e)).
}

}  // namespace sluice::config
