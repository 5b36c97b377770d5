// LruCache: a map of bounded size that forgets its least recently used entry first.
//
// Not thread-safe: the owner locks around it. Lookups return a pointer into the cache that stays
// valid until the next put() or clear().
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace sluice {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class LruCache {
 public:
  // REQUIRES: capacity > 0.
  explicit LruCache(size_t capacity) : capacity_(capacity > 0 ? capacity : 1) {}

  // The value for `key`, now the most recently used, or nullptr.
  const Value* get(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }

  // Stores or replaces `key`'s value, dropping the least recently used entry when full.
  void put(const Key& key, Value value) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    if (index_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
  }

  size_t size() const { return index_.size(); }
  size_t capacity() const { return capacity_; }
  void clear() {
    index_.clear();
    order_.clear();
  }

 private:
  using Entry = std::pair<Key, Value>;
  size_t capacity_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

}  // namespace sluice
