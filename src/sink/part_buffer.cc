#include "sink/part_buffer.h"

#include <algorithm>
#include <utility>

namespace sluice::sink {

PartBuffer::PartBuffer(MemoryBudget* budget, size_t part_size)
    : budget_(budget), part_size_(part_size), current_charge_(budget, 0) {}

void PartBuffer::append(std::string_view data) {
  total_bytes_ += data.size();
  while (!data.empty()) {
    size_t take = std::min(data.size(), part_size_ - current_.size());
    size_t needed = current_.size() + take;
    if (needed > current_.capacity()) {
      size_t capacity = std::max(kInitialCapacity, current_.capacity());
      while (capacity < needed) capacity *= 2;
      capacity = std::min(capacity, part_size_);
      current_.reserve(capacity);
      current_charge_.resize(current_.capacity());
    }
    current_.append(data.data(), take);
    data.remove_prefix(take);
    if (current_.size() == part_size_) {
      full_parts_.push_back(Part{std::move(current_), std::move(current_charge_)});
      current_ = std::string();
      current_charge_ = BudgetCharge(budget_, 0);
    }
  }
}

Part PartBuffer::pop_full_part() {
  Part part = std::move(full_parts_.front());
  full_parts_.pop_front();
  return part;
}

Part PartBuffer::take_rest() {
  Part part{std::move(current_), std::move(current_charge_)};
  current_ = std::string();
  current_charge_ = BudgetCharge(budget_, 0);
  return part;
}

}  // namespace sluice::sink
