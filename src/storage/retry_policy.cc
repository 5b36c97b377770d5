#include "storage/retry_policy.h"

#include <algorithm>

namespace sluice::storage {

RetryPolicy::RetryPolicy(int max_attempts, std::chrono::milliseconds base,
                         std::chrono::milliseconds cap)
    : max_attempts_(std::max(1, max_attempts)),
      base_(std::max(std::chrono::milliseconds(0), base)),
      cap_(std::max(std::chrono::milliseconds(0), cap)) {}

std::chrono::milliseconds RetryPolicy::max_delay_before(int attempt) const {
  if (attempt < 2 || base_.count() == 0) return std::chrono::milliseconds(0);
  // Double step by step and stop at the cap, so large attempt numbers cannot overflow.
  long long bound = base_.count();
  for (int i = 2; i < attempt && bound < cap_.count(); ++i) bound *= 2;
  return std::chrono::milliseconds(std::min(bound, static_cast<long long>(cap_.count())));
}

std::chrono::milliseconds RetryPolicy::delay_before(int attempt, double unit) const {
  unit = std::clamp(unit, 0.0, 1.0);
  auto bound = static_cast<double>(max_delay_before(attempt).count());
  auto delay = static_cast<long long>(bound * unit);
  // unit < 1 keeps the draw below the bound; clamp anyway against rounding at the top.
  if (bound > 0 && delay >= static_cast<long long>(bound))
    delay = static_cast<long long>(bound) - 1;
  return std::chrono::milliseconds(delay);
}

}  // namespace sluice::storage
