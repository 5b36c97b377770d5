// ProcessCredentialsProvider: a profile's credential_process (spec msk-connect-and-aws.md §5.3).
// Runs the command without a shell (the line split as a POSIX shell would split words: quotes and
// backslashes, no expansion), passes its stderr through, and reads stdout as
//   {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}.
//
// Runs the command on every call: wrap it in a RefreshingCredentialsProvider. Thread-safe (no
// state beyond the command).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.h"
#include "util/status.h"

namespace sluice::aws {

class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ProcessCredentialsProvider(std::string command_line);

  // kFatal when the command cannot be started, exits non-zero, or prints something that is not a
  // Version 1 credentials document. Messages name the program, never its output.
  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "credential-process"; }

 private:
  std::string command_line_;
};

// Shell-like word splitting: blanks separate words; '...' is literal; "..." keeps blanks and
// honours \" \\ \$ \`; a backslash outside quotes escapes the next character. kInvalidArgument for
// an unterminated quote or an empty command.
Result<std::vector<std::string>> split_command_line(std::string_view line);

}  // namespace sluice::aws
