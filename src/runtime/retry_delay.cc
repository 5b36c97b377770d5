#include "runtime/retry_delay.h"

namespace sluice::runtime {

int64_t connect_retry_delay_ms(int attempt, int64_t max_delay_ms, std::minstd_rand& random) {
  if (max_delay_ms <= 0) return 0;
  // 300 << 40 already passes any sane cap; stop shifting before it overflows.
  const int shift = attempt - 1 < 40 ? attempt - 1 : 40;
  const int64_t delay = kRetryDelayMinMs << shift;
  if (delay <= max_delay_ms) return delay;
  std::uniform_int_distribution<int64_t> below_cap(0, max_delay_ms - 1);
  return below_cap(random);
}

}  // namespace sluice::runtime
