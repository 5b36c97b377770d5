// Registry: the metric families of a process, and their rendering as one Prometheus text
// exposition (text_format.h).
//
// Families are made once, by name, and live as long as the registry; asking again for a name
// returns the same family. Families are rendered in name order, each series in label value
// order, so a scrape is deterministic. process_registry() is the one sluice serves on /metrics;
// tests make their own.
//
// Thread-safe: families may be made, updated and rendered from any threads at once.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "metrics/family.h"
#include "util/thread_annotations.h"

namespace sluice::metrics {

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // REQUIRES: a valid metric name (a counter's ends in _total) and valid label names; a name
  // already made is made with the same type and label names (else: a programming error, abort).
  CounterFamily& counter(const std::string& name, const std::string& help,
                         std::vector<std::string> label_names);
  GaugeFamily& gauge(const std::string& name, const std::string& help,
                     std::vector<std::string> label_names);
  // REQUIRES: `bounds` strictly increasing and finite; no label is named "le".
  HistogramFamily& histogram(const std::string& name, const std::string& help,
                             std::vector<std::string> label_names, std::vector<double> bounds);

  // The text exposition of every family.
  std::string render() const;

 private:
  template <class Cell>
  Family<Cell>& family(const std::string& name, const std::string& help, MetricType type,
                       std::vector<std::string> label_names, std::vector<double> bounds);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_ GUARDED_BY(mutex_);
};

// The process's registry, the one GET /metrics renders.
Registry& process_registry();

}  // namespace sluice::metrics
