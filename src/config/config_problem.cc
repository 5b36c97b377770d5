#include "config/config_problem.h"

#include <utility>

namespace sluice::config {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

std::string ConfigProblem::to_string() const {
  std::string out;
  if (!location.empty()) {
    out += location;
    out += ": ";
  }
  out += severity_name(severity);
  out += ": ";
  out += message;
  return out;
}

void ConfigReport::add(ConfigProblem problem) {
  if (problem.severity == Severity::kError) {
    errors.push_back(std::move(problem));
  } else {
    warnings.push_back(std::move(problem));
  }
}

void ConfigReport::merge(ConfigReport other) {
  for (auto& p : other.errors) errors.push_back(std::move(p));
  for (auto& p : other.warnings) warnings.push_back(std::move(p));
}

Status problems_to_status(std::string_view what, const std::vector<ConfigProblem>& errors) {
  if (errors.empty()) return Status::ok_status();
  std::string message(what);
  message += ": ";
  message += std::to_string(errors.size());
  message += errors.size() == 1 ? " problem" : " problems";
  for (const ConfigProblem& problem : errors) {
    message += "\n  ";
    message += problem.to_string();
  }
  return Status::invalid_argument(std::move(message));
}

}  // namespace sluice::config
