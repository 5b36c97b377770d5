// Password: a configuration secret (aws.secret.access.key, s3.sse.customer.key, ...) as a type.
//
// Every way of printing a Password (operator<<, fmt, to_string, gtest's printer) yields
// "[hidden]"; the secret is only reachable through an explicit reveal(), so a secret cannot reach
// a log line, a problem report or the generated docs by accident. The memory holding the secret
// is wiped when the Password is destroyed or overwritten.
#pragma once

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <string_view>

namespace sluice::config {

class Password {
 public:
  static constexpr std::string_view kHidden = "[hidden]";

  Password() = default;
  explicit Password(std::string value) : value_(std::move(value)) {}
  Password(const Password& other) = default;
  Password(Password&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  Password& operator=(const Password& other);
  Password& operator=(Password&& other) noexcept;
  ~Password() { wipe(); }

  // The secret itself: call this only where the secret is handed to its consumer (a signer, an
  // HTTP header), never to build a message.
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend bool operator==(const Password& a, const Password& b) { return a.value_ == b.value_; }

 private:
  void wipe() noexcept;

  std::string value_;
};

std::ostream& operator<<(std::ostream& os, const Password& password);
std::string to_string(const Password& password);

}  // namespace sluice::config

template <>
struct fmt::formatter<sluice::config::Password> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const sluice::config::Password& /*secret*/, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(sluice::config::Password::kHidden, ctx);
  }
};
