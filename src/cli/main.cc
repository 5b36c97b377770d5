// The sluice binary: parses the command line and hands over to the subcommand.
#include "cli/app.h"

int main(int argc, char** argv) {
  return sluice::cli::run_app(argc, argv);
}
