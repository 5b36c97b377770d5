// RefreshingCredentialsProvider: caches the temporary credentials of a source (STS, web identity,
// container, IMDS, credential_process) and refreshes them before they expire (spec
// msk-connect-and-aws.md §5.8).
//
// Two windows, as botocore has them: inside the advisory window (default 15 min before expiry,
// minus a random jitter so that many tasks do not hit STS at the same second) one caller refreshes
// while the others keep using the cached set; inside the mandatory window (default 10 min) every
// caller waits for the refresh. A failed refresh keeps handing out the cached set while it is still
// valid. Credentials whose whole lifetime is shorter than the windows are refreshed at half (and
// mandatorily at a quarter) of the lifetime left, so a 15-minute set is not refetched on every
// call.
//
// Owns its source and is the only caller of it (one refresh at a time), so the source itself need
// not be thread-safe. credentials() is thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "aws/credentials.h"

namespace sluice::aws {

struct RefreshOptions {
  std::chrono::system_clock::duration advisory_window = std::chrono::minutes(15);
  std::chrono::system_clock::duration mandatory_window = std::chrono::minutes(10);
  // Up to this much is added to the advisory window, at random, per fetched set.
  std::chrono::system_clock::duration jitter = std::chrono::minutes(2);
  // After a failed refresh with still-valid credentials, wait this long before trying again.
  std::chrono::system_clock::duration retry_after_failure = std::chrono::seconds(10);
  // The clock; tests inject one. Default: system_clock::now.
  std::function<std::chrono::system_clock::time_point()> clock;
};

class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  explicit RefreshingCredentialsProvider(std::unique_ptr<CredentialsProvider> source,
                                         RefreshOptions options = {});

  // The cached set, or a fresh one from the source when none is cached or the cached set is due.
  // Errors of the source are returned as they are when there is no still-valid set to fall back on.
  Result<AwsCredentials> credentials() override;
  // Drops the cached set (and tells the source), so the next call fetches.
  void invalidate() override;
  std::string name() const override { return source_->name(); }

 private:
  struct Due {
    std::chrono::system_clock::time_point advisory;
    std::chrono::system_clock::time_point mandatory;
  };
  Due due_times(const AwsCredentials& fresh, std::chrono::system_clock::time_point now);
  std::chrono::system_clock::time_point now() const;

  std::unique_ptr<CredentialsProvider> source_;
  RefreshOptions options_;
  std::mutex mutex_;
  std::condition_variable refreshed_;
  bool refreshing_ = false;  // a thread is calling the source (mutex_ released meanwhile)
  std::optional<AwsCredentials> cached_;
  Due due_{};
  std::chrono::system_clock::time_point next_attempt_{};  // after a failed refresh
  std::minstd_rand random_;
};

}  // namespace sluice::aws
