#include "runtime/converter_checks.h"

#include <string>

#include "config/converter_resolution.h"
#include "connect/converter_factory.h"
#include "runtime/value_schema_source.h"

namespace sluice::runtime {

std::vector<config::ConfigProblem> check_converter_configs(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector) {
  std::vector<config::ConfigProblem> out;
  config::ResolvedConverters converters = config::resolve_converters(worker, connector);
  const struct {
    const config::ConverterSpec* spec;
    connect::ConverterSlot slot;
  } slots[] = {{&converters.key, connect::ConverterSlot::kKey},
               {&converters.value, connect::ConverterSlot::kValue},
               {&converters.header, connect::ConverterSlot::kHeader}};
  for (const auto& [spec, slot] : slots) {
    for (std::string& problem :
         connect::validate_converter_config(spec->class_name, spec->config, slot)) {
      out.push_back(config::ConfigProblem{std::string(connect::converter_slot_key(slot)),
                                          spec->class_name, std::move(problem)});
    }
  }
  // sluice.value.schema.* belongs to value conversion: the binder runs after the value converter.
  for (config::ConfigProblem& p : check_value_schema_config(worker, connector)) {
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace sluice::runtime
