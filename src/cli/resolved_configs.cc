#include "cli/resolved_configs.h"

namespace sluice::cli {

namespace {

bool same_entries(const config::RawConfig& a, const config::RawConfig& b) {
  if (a.size() != b.size()) return false;
  for (const config::RawEntry& entry : a.entries()) {
    std::optional<std::string_view> other = b.get(entry.key);
    if (!other || *other != entry.value) return false;
  }
  return true;
}

}  // namespace

std::vector<config::ConfigProblem> ResolvedConfigs::problems() const {
  std::vector<config::ConfigProblem> out = worker_resolution.problems;
  out.insert(out.end(), connector_resolution.problems.begin(), connector_resolution.problems.end());
  return out;
}

std::optional<std::chrono::milliseconds> ResolvedConfigs::ttl() const {
  return providers::earliest(worker_resolution.ttl, connector_resolution.ttl);
}

std::string ResolvedConfigs::ttl_source() const {
  if (!connector_resolution.ttl) return worker_resolution.ttl_source;
  if (!worker_resolution.ttl) return connector_resolution.ttl_source;
  return *worker_resolution.ttl < *connector_resolution.ttl ? worker_resolution.ttl_source
                                                            : connector_resolution.ttl_source;
}

void ResolvedConfigs::mask(config::ConfigProblem* problem) const {
  providers::mask_resolved_values(problem, worker_resolution);
  providers::mask_resolved_values(problem, connector_resolution);
}

void ResolvedConfigs::mask(config::ConfigReport* report) const {
  mask(&report->errors);
  mask(&report->warnings);
}

void ResolvedConfigs::mask(std::vector<config::ConfigProblem>* problems) const {
  for (config::ConfigProblem& p : *problems) mask(&p);
}

bool ResolvedConfigs::same_values(const ResolvedConfigs& other) const {
  return same_entries(worker, other.worker) && same_entries(connector, other.connector);
}

ResolvedConfigs resolve_configs(const config::RawConfig& worker_written,
                                const config::RawConfig& connector_written,
                                const providers::ConfigProviders& providers) {
  ResolvedConfigs out;
  out.worker = worker_written;
  out.connector = connector_written;
  out.worker_resolution =
      providers::resolve_placeholders(&out.worker, providers, providers::ConfigScope::kWorker);
  out.connector_resolution = providers::resolve_placeholders(&out.connector, providers,
                                                             providers::ConfigScope::kConnector);
  return out;
}

}  // namespace sluice::cli
