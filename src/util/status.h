// Status and Result<T>: how the data path reports failure without exceptions.
//
// A Status carries a kind that the caller acts on (retry, fail the task, send the record to the
// dead-letter queue, exit 2) and a message that already names its context (topic, partition,
// offset, object key, request id), so the log line that reports it needs nothing else.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace sluice {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad configuration or usage: exit 2 before connecting anywhere
  kRetriable,        // a transient fault (5xx, throttling, network): retry with backoff
  kFatal,            // a fault that retrying cannot fix (403, missing bucket): fail the task
  kDataError,        // a bad record: follows errors.tolerance (fail or dead-letter queue)
  kNotFound,         // the object, key or entry asked for does not exist
  kConflict,         // a conditional write found an existing object
  kCancelled,        // shutdown or revocation interrupted the operation
};

const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return Status(); }
  static Status invalid_argument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status retriable(std::string m) { return {StatusCode::kRetriable, std::move(m)}; }
  static Status fatal(std::string m) { return {StatusCode::kFatal, std::move(m)}; }
  static Status data_error(std::string m) { return {StatusCode::kDataError, std::move(m)}; }
  static Status not_found(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool is_retriable() const { return code_ == StatusCode::kRetriable; }

  // Returns a copy whose message is "<context>: <message>", keeping the code.
  Status with_context(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }
  // "<CodeName>: <message>", for logs.
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace sluice

// Propagates a non-ok Status from an expression returning Status.
#define SLUICE_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::sluice::Status _sluice_st = (expr);    \
    if (!_sluice_st.ok()) return _sluice_st; \
  } while (0)

#define SLUICE_CONCAT_INNER(a, b) a##b
#define SLUICE_CONCAT(a, b) SLUICE_CONCAT_INNER(a, b)
// Declares `lhs` from a Result-returning expression, or returns its Status.
#define SLUICE_ASSIGN_OR_RETURN(lhs, expr)                 \
  auto SLUICE_CONCAT(_sluice_res_, __LINE__) = (expr);     \
  if (!SLUICE_CONCAT(_sluice_res_, __LINE__).ok())         \
    return SLUICE_CONCAT(_sluice_res_, __LINE__).status(); \
  lhs = std::move(SLUICE_CONCAT(_sluice_res_, __LINE__)).value()
