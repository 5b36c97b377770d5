#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

namespace sluice::cli {

int run_app(int argc, char** argv) {
  CLI::App app{"sluice: a native Kafka-to-Amazon-S3 sink, configured like Confluent's S3 Sink Connector"};
  app.set_version_flag("--version", std::string("sluice ") + SLUICE_VERSION);
  app.require_subcommand(1);

  std::string worker_path, connector_path;
  CLI::App* run = app.add_subcommand("run", "Consume the connector's topics and write them to S3");
  run->add_option("--worker", worker_path, "Worker configuration (.properties)")->required();
  run->add_option("--connector", connector_path,
                  "Connector configuration (.properties, or Connect REST JSON {\"name\":...,\"config\":{...}})")
      ->required();

  CLI::App* validate = app.add_subcommand("validate", "Check a configuration and report every problem at once");
  validate->add_option("--worker", worker_path, "Worker configuration (.properties)");
  validate->add_option("--connector", connector_path, "Connector configuration")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadUsage;
  }
  std::cerr << "sluice: this subcommand is not wired yet\n";
  return kExitRuntimeFailure;
}

}  // namespace sluice::cli
