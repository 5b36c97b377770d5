// Dictionary of a column chunk (see dictionary_encoder.h).
#include "parquet/dictionary_encoder.h"

#include <cstring>
#include <functional>

namespace sluice::parquet {

uint32_t DictionaryEncoder::index_of(std::string_view value) {
  if (slots_.empty() || (entries_.size() + 1) * 2 > slots_.size()) grow();
  size_t hash = std::hash<std::string_view>{}(value);
  size_t mask = slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    uint32_t number = slots_[slot];
    if (number == 0) {
      if (byte_array_) {
        uint32_t length = static_cast<uint32_t>(value.size());
        char prefix[4];
        std::memcpy(prefix, &length, 4);  // little-endian, as PLAIN (asserted in column_writer.cc)
        plain_.append(prefix, 4);
      }
      entries_.push_back(Entry{plain_.size(), value.size(), hash});
      plain_.append(value);
      slots_[slot] = static_cast<uint32_t>(entries_.size());
      return static_cast<uint32_t>(entries_.size() - 1);
    }
    const Entry& entry = entries_[number - 1];
    if (entry.hash == hash && entry_bytes(entry) == value) return number - 1;
  }
}

void DictionaryEncoder::grow() {
  size_t capacity = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(capacity, 0);
  size_t mask = capacity - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t slot = entries_[i].hash & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<uint32_t>(i + 1);
  }
}

void DictionaryEncoder::clear() {
  std::string().swap(plain_);
  std::vector<Entry>().swap(entries_);
  std::vector<uint32_t>().swap(slots_);
}

}  // namespace sluice::parquet
