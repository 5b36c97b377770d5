#include "config/password.h"

namespace sluice::config {

Password& Password::operator=(const Password& other) {
  if (this != &other) {
    wipe();
    value_ = other.value_;
  }
  return *this;
}

Password& Password::operator=(Password&& other) noexcept {
  if (this != &other) {
    wipe();
    value_ = std::move(other.value_);
    other.wipe();
  }
  return *this;
}

void Password::wipe() noexcept {
  // Volatile stores so the compiler cannot drop the wipe of memory that is about to be freed.
  volatile char* p = value_.data();
  for (size_t i = 0; i < value_.size(); ++i) p[i] = 0;
  value_.clear();
}

std::ostream& operator<<(std::ostream& os, const Password& /*password*/) {
  return os << Password::kHidden;
}

std::string to_string(const Password& /*password*/) {
  return std::string(Password::kHidden);
}

}  // namespace sluice::config
