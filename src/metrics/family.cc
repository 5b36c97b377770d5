#include "metrics/family.h"

#include <cstdio>
#include <cstdlib>

#include "metrics/text_format.h"

namespace sluice::metrics {

namespace {

std::string_view type_name(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

template <class Value>
void render_sample(std::string& out, const std::string& name,
                   const std::vector<std::string>& labels, const LabelValues& values, Value value) {
  out += name;
  append_labels(out, labels, values);
  out += ' ';
  append_value(out, value);
  out += '\n';
}

void render_cell(std::string& out, const std::string& name, const std::vector<std::string>& labels,
                 const LabelValues& values, const Counter& c) {
  render_sample(out, name, labels, values, c.value());
}

void render_cell(std::string& out, const std::string& name, const std::vector<std::string>& labels,
                 const LabelValues& values, const Gauge& g) {
  render_sample(out, name, labels, values, g.value());
}

void render_cell(std::string& out, const std::string& name, const std::vector<std::string>& labels,
                 const LabelValues& values, const Histogram& h) {
  Histogram::Snapshot s = h.snapshot();
  std::string le;
  for (size_t i = 0; i <= h.bounds().size(); ++i) {
    le.clear();
    if (i < h.bounds().size()) {
      append_value(le, h.bounds()[i]);
    } else {
      le = "+Inf";
    }
    out += name;
    out += "_bucket";
    append_labels(out, labels, values, "le", le);
    out += ' ';
    append_value(out, s.cumulative[i]);
    out += '\n';
  }
  render_sample(out, name + "_sum", labels, values, s.sum);
  render_sample(out, name + "_count", labels, values, s.count);
}

template <class Cell>
std::shared_ptr<Cell> make_cell(const std::vector<double>&) {
  return std::make_shared<Cell>();
}

template <>
std::shared_ptr<Histogram> make_cell<Histogram>(const std::vector<double>& bounds) {
  return std::make_shared<Histogram>(&bounds);
}

}  // namespace

FamilyBase::FamilyBase(std::string name, std::string help, MetricType type,
                       std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {}

void FamilyBase::render(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  append_escaped_help(out, help_);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += type_name(type_);
  out += '\n';
  render_samples(out);
}

void FamilyBase::check_values(const LabelValues& values) const {
  if (values.size() != label_names_.size()) {
    std::fprintf(stderr, "metric %s: %zu label values for %zu label names\n", name_.c_str(),
                 values.size(), label_names_.size());
    std::abort();
  }
}

template <class Cell>
std::shared_ptr<Cell> Family<Cell>::cell(const LabelValues& values) {
  check_values(values);
  std::lock_guard<std::mutex> lock(mutex_);
  std::shared_ptr<Cell>& slot = cells_[values];
  if (slot == nullptr) slot = make_cell<Cell>(bounds_);
  return slot;
}

template <class Cell>
std::shared_ptr<Cell> Family<Cell>::replace(const LabelValues& values) {
  check_values(values);
  std::shared_ptr<Cell> fresh = make_cell<Cell>(bounds_);
  std::lock_guard<std::mutex> lock(mutex_);
  cells_[values] = fresh;
  return fresh;
}

template <class Cell>
uint64_t Family<Cell>::add_callback(const LabelValues& values, std::function<double()> compute) {
  static_assert(!std::is_same_v<Cell, Histogram>, "histograms have no callback series");
  check_values(values);
  std::lock_guard<std::mutex> lock(mutex_);
  const uint64_t id = next_callback_id_++;
  callbacks_[values] = Callback{id, std::move(compute)};
  return id;
}

template <>
uint64_t Family<Histogram>::add_callback(const LabelValues&, std::function<double()>) {
  std::abort();  // not offered: see the header
}

template <class Cell>
void Family<Cell>::remove(const LabelValues& values, const void* cell) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cells_.find(values);
  if (it != cells_.end() && it->second.get() == cell) cells_.erase(it);
}

template <class Cell>
void Family<Cell>::remove_callback(const LabelValues& values, uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = callbacks_.find(values);
  if (it != callbacks_.end() && it->second.id == id) callbacks_.erase(it);
}

template <class Cell>
void Family<Cell>::render_samples(std::string& out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [values, cell] : cells_) render_cell(out, name_, label_names_, values, *cell);
  for (const auto& [values, callback] : callbacks_) {
    if (cells_.count(values) != 0) continue;  // a series is written once
    render_sample(out, name_, label_names_, values, callback.compute());
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

Registration& Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    release();
    entries_ = std::move(other.entries_);
    other.entries_.clear();
  }
  return *this;
}

void Registration::release() {
  for (const Entry& e : entries_) {
    if (e.cell != nullptr) {
      e.family->remove(e.values, e.cell);
    } else {
      e.family->remove_callback(e.values, e.callback_id);
    }
  }
  entries_.clear();
}

}  // namespace sluice::metrics
