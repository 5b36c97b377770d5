// The value cells of the metrics module: Counter, Gauge and Histogram.
//
// A cell is one time series (one metric name with one set of label values). Cells are updated
// with relaxed atomics and never lock or allocate, so the record path may update them freely; a
// Family (family.h) creates them, holds them by shared_ptr and renders them. Any thread may update
// a cell while another renders it: a rendered value is one that the cell held at some moment.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace sluice::metrics {

// A count that only goes up (Prometheus counter, integer valued).
class Counter {
 public:
  void inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (Prometheus gauge).
class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into buckets with fixed upper bounds (Prometheus histogram). The bounds
// are shared with the family; +Inf is implicit.
class Histogram {
 public:
  // REQUIRES: `bounds` strictly increasing, finite, and outliving the histogram.
  explicit Histogram(const std::vector<double>* bounds);

  void observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (which equals count)
    double sum = 0;
    uint64_t count = 0;
  };
  // The counts as of one pass over the buckets: count is the sum of the buckets read, so the
  // +Inf bucket and _count always agree; sum may include an observation still being added.
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return *bounds_; }

 private:
  const std::vector<double>* bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_->size() + 1 (the last is +Inf)
  std::atomic<double> sum_{0};
};

}  // namespace sluice::metrics
