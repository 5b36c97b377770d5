#include "metrics/registry.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "metrics/text_format.h"

namespace sluice::metrics {

namespace {

[[noreturn]] void misuse(const std::string& name, std::string_view why) {
  // A programming error, found by the first run of the code that makes the metric.
  std::fprintf(stderr, "metric %s: %.*s\n", name.c_str(), static_cast<int>(why.size()), why.data());
  std::abort();
}

}  // namespace

template <class Cell>
Family<Cell>& Registry::family(const std::string& name, const std::string& help, MetricType type,
                               std::vector<std::string> label_names, std::vector<double> bounds) {
  if (!valid_metric_name(name)) misuse(name, "invalid metric name");
  if (type == MetricType::kCounter &&
      (name.size() < 6 || name.compare(name.size() - 6, 6, "_total") != 0)) {
    misuse(name, "a counter's name ends in _total");
  }
  for (const std::string& label : label_names) {
    if (!valid_label_name(label)) misuse(name, "invalid label name " + label);
    if (type == MetricType::kHistogram && label == "le")
      misuse(name, "a histogram has no label le");
  }
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
      misuse(name, "bucket bounds must be finite and increasing");
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<FamilyBase>& slot = families_[name];
  if (slot == nullptr) {
    slot =
        std::make_unique<Family<Cell>>(name, help, type, std::move(label_names), std::move(bounds));
  } else if (slot->type() != type || slot->label_names() != label_names) {
    misuse(name, "made again with another type or other labels");
  }
  return static_cast<Family<Cell>&>(*slot);
}

CounterFamily& Registry::counter(const std::string& name, const std::string& help,
                                 std::vector<std::string> label_names) {
  return family<Counter>(name, help, MetricType::kCounter, std::move(label_names), {});
}

GaugeFamily& Registry::gauge(const std::string& name, const std::string& help,
                             std::vector<std::string> label_names) {
  return family<Gauge>(name, help, MetricType::kGauge, std::move(label_names), {});
}

HistogramFamily& Registry::histogram(const std::string& name, const std::string& help,
                                     std::vector<std::string> label_names,
                                     std::vector<double> bounds) {
  return family<Histogram>(name, help, MetricType::kHistogram, std::move(label_names),
                           std::move(bounds));
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [name, family] : families_) family->render(out);
  return out;
}

Registry& process_registry() {
  static Registry registry;
  return registry;
}

}  // namespace sluice::metrics
