// Family: every time series of one metric name — its HELP text, TYPE, label names, and the cells
// (cells.h) made for each combination of label values.
//
// Cells are made when their labels become known (a partition assigned, a task started), not per
// update: cell() locks the family and may allocate, the returned cell never does. A cell is held
// by shared_ptr, so whoever still holds one (an upload finishing after its partition was revoked)
// may keep updating it after remove() took it out of the exposition. A counter or gauge series
// may instead be computed when rendered (add_callback), for values owned elsewhere (the memory
// budget, /proc/self).
//
// Thread-safe: cell(), remove(), add_callback() and render() may run on any threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "metrics/cells.h"
#include "util/thread_annotations.h"

namespace sluice::metrics {

using LabelValues = std::vector<std::string>;

enum class MetricType { kCounter, kGauge, kHistogram };

class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type,
             std::vector<std::string> label_names);
  virtual ~FamilyBase() = default;
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const { return name_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends the family's # HELP and # TYPE lines and its samples, series in label value order.
  void render(std::string& out) const;
  // Takes the series with these label values out if it is still the one `cell` points to (a
  // newer series with the same labels stays).
  virtual void remove(const LabelValues& values, const void* cell) = 0;
  // Takes the callback series with these label values out if it is still callback `id`.
  virtual void remove_callback(const LabelValues& values, uint64_t id) = 0;

 protected:
  virtual void render_samples(std::string& out) const = 0;
  // REQUIRES: values.size() == label_names().size() (aborts otherwise: a programming error).
  void check_values(const LabelValues& values) const;

  const std::string name_;
  const std::string help_;
  const MetricType type_;
  const std::vector<std::string> label_names_;
};

template <class Cell>
class Family final : public FamilyBase {
 public:
  // `bounds` is used by histogram families only.
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> label_names,
         std::vector<double> bounds = {})
      : FamilyBase(std::move(name), std::move(help), type, std::move(label_names)),
        bounds_(std::move(bounds)) {}

  // The series with these label values, made (at zero) if it does not exist yet.
  // REQUIRES: one value per label name.
  std::shared_ptr<Cell> cell(const LabelValues& values);
  // A new series (at zero) with these label values, in place of any older one: for an owner that
  // starts over (a task restarted, a partition assigned again), whose predecessor's removal must
  // not take it out.
  std::shared_ptr<Cell> replace(const LabelValues& values);
  // A series whose value is `compute()` at each render; `compute` must be thread-safe and cheap.
  // Counter and gauge families only. It replaces a callback with the same labels; returns its id
  // (for remove_callback).
  uint64_t add_callback(const LabelValues& values, std::function<double()> compute);
  void remove(const LabelValues& values, const void* cell) override;
  void remove_callback(const LabelValues& values, uint64_t id) override;

 private:
  void render_samples(std::string& out) const override;

  const std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::map<LabelValues, std::shared_ptr<Cell>> cells_ GUARDED_BY(mutex_);
  struct Callback {
    uint64_t id;
    std::function<double()> compute;
  };
  std::map<LabelValues, Callback> callbacks_ GUARDED_BY(mutex_);
  uint64_t next_callback_id_ GUARDED_BY(mutex_) = 1;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// Series registered by one owner, taken out of the exposition when it is destroyed (a revoked
// partition's, a stopped task's). Movable, not copyable. REQUIRES: the families outlive it.
class Registration {
 public:
  Registration() = default;
  Registration(Registration&& other) noexcept : entries_(std::move(other.entries_)) {
    other.entries_.clear();
  }
  Registration& operator=(Registration&& other) noexcept;
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;
  ~Registration() { release(); }

  // Makes a new cell (Family::replace) and remembers to remove it.
  template <class Cell>
  std::shared_ptr<Cell> add(Family<Cell>& family, const LabelValues& values) {
    std::shared_ptr<Cell> cell = family.replace(values);
    entries_.push_back(Entry{&family, values, cell.get(), 0});
    return cell;
  }
  // Adds a callback series and remembers to remove it.
  template <class Cell>
  void add_callback(Family<Cell>& family, const LabelValues& values,
                    std::function<double()> compute) {
    uint64_t id = family.add_callback(values, std::move(compute));
    entries_.push_back(Entry{&family, values, nullptr, id});
  }
  // Removes every series now.
  void release();

 private:
  struct Entry {
    FamilyBase* family;
    LabelValues values;
    const void* cell;  // null for a callback
    uint64_t callback_id;
  };
  std::vector<Entry> entries_;
};

}  // namespace sluice::metrics
