// ProcessCredentialsProvider: a profile's credential_process (spec msk-connect-and-aws.md §5.3).
// Runs the command without a shell (the line split as a POSIX shell would split words: quotes and
// backslashes, no expansion), passes its stderr through, and reads stdout as
//   {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}.
//
// A command that does not finish within ProcessCredentialsOptions::timeout is killed (with every
// process it started: it runs in a process group of its own) and the call fails, so a hanging
// helper cannot hang the sink.
//
// Runs the command on every call: wrap it in a RefreshingCredentialsProvider. Thread-safe (no
// state beyond the command).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.h"
#include "util/status.h"

namespace sluice::aws {

struct ProcessCredentialsOptions {
  // From start to exit. The AWS SDKs allow about a minute; a helper that is slower than that is
  // stuck (or waiting for a person, which a sink cannot be).
  std::chrono::milliseconds timeout{60'000};
};

class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ProcessCredentialsProvider(std::string command_line,
                                      ProcessCredentialsOptions options = {});

  // kFatal when the command cannot be started, exits non-zero, prints something that is not a
  // Version 1 credentials document, or times out (kRetriable). Messages name the program, never
  // its output.
  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "credential-process"; }

 private:
  std::string command_line_;
  ProcessCredentialsOptions options_;
};

// Shell-like word splitting: blanks separate words; '...' is literal; "..." keeps blanks and
// honours \" \\ \$ \`; a backslash outside quotes escapes the next character. kInvalidArgument for
// an unterminated quote or an empty command.
Result<std::vector<std::string>> split_command_line(std::string_view line);

}  // namespace sluice::aws
