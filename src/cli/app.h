// The command-line front end: subcommands, their options and the process exit codes.
#pragma once

namespace sluice::cli {

// Process exit codes, decided here and nowhere else.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitBadUsage = 2;

int run_app(int argc, char** argv);

}  // namespace sluice::cli
