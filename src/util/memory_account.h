// MemoryAccount: where code that holds file data in memory says how much it holds, so that one
// limit can cover every buffer of the process (sink::MemoryBudget implements it).
//
// It lives in util/ so that the lower modules (avro/, format/) can charge the buffers they own
// without knowing the sink: their owners hand them an account, or none (tests, tools), in which
// case nothing is counted. MemoryCharge is the RAII handle that keeps one holder's share of the
// account equal to what it really holds.
#pragma once

#include <cstddef>

namespace sluice::util {

// Implementations are thread-safe: buffers are charged from task threads and released from
// upload threads.
class MemoryAccount {
 public:
  virtual ~MemoryAccount() = default;
  // Never fails: a buffer that already exists is counted; the owner of the account decides
  // between calls what to do when too much is held.
  virtual void charge(size_t bytes) = 0;
  // REQUIRES: `bytes` were charged before and not released since.
  virtual void release(size_t bytes) = 0;
};

// Bytes charged to a MemoryAccount, released when the charge is destroyed or reset. Moves with
// the buffer it accounts for (e.g. from a writer to an upload job). Not thread-safe itself: one
// owner at a time. The account must outlive the charge.
class MemoryCharge {
 public:
  MemoryCharge() = default;
  // A null account counts nothing.
  MemoryCharge(MemoryAccount* account, size_t bytes) : account_(account), bytes_(bytes) {
    if (account_ != nullptr && bytes_ > 0) account_->charge(bytes_);
  }
  MemoryCharge(const MemoryCharge&) = delete;
  MemoryCharge& operator=(const MemoryCharge&) = delete;
  MemoryCharge(MemoryCharge&& other) noexcept : account_(other.account_), bytes_(other.bytes_) {
    other.bytes_ = 0;
  }
  MemoryCharge& operator=(MemoryCharge&& other) noexcept {
    if (this != &other) {
      reset();
      account_ = other.account_;
      bytes_ = other.bytes_;
      other.bytes_ = 0;
    }
    return *this;
  }
  ~MemoryCharge() { reset(); }

  // Makes the charge `bytes` (grows or shrinks it); costs nothing when it is already that.
  void resize(size_t bytes) {
    if (account_ == nullptr || bytes == bytes_) return;
    if (bytes > bytes_) {
      account_->charge(bytes - bytes_);
    } else {
      account_->release(bytes_ - bytes);
    }
    bytes_ = bytes;
  }
  size_t bytes() const { return bytes_; }
  void reset() {
    if (account_ != nullptr && bytes_ > 0) account_->release(bytes_);
    bytes_ = 0;
  }

 private:
  MemoryAccount* account_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace sluice::util
