#include "format/java_hash_map_order.h"

namespace sluice::format {
namespace {

constexpr uint32_t kTreeifyThreshold = 8;
constexpr uint32_t kUntreeifyThreshold = 6;
constexpr uint32_t kMinTreeifyCapacity = 64;

int32_t spread(int32_t h) {
  uint32_t u = static_cast<uint32_t>(h);
  return static_cast<int32_t>(u ^ (u >> 16));
}

uint32_t bucket(int32_t hash, size_t capacity) {
  return static_cast<uint32_t>(hash) & static_cast<uint32_t>(capacity - 1);
}

}  // namespace

uint32_t hash_map_capacity_for_size(uint32_t initial_capacity) {
  uint32_t capacity = 1;
  while (capacity < initial_capacity && capacity < (1u << 30)) capacity <<= 1;
  return capacity;
}

uint32_t hash_map_capacity_for_copy(uint32_t size) {
  // An empty source leaves the table unallocated, so the first put makes the default one.
  if (size == 0) return 16;
  const float ft = static_cast<float>(size) / 0.75f + 1.0f;
  return hash_map_capacity_for_size(static_cast<uint32_t>(ft));
}

void JavaHashMapOrder::compute(uint32_t count, const Keys& keys, std::vector<uint32_t>& order,
                               uint32_t first_capacity) {
  first_capacity_ = first_capacity;
  keys_ = &keys;
  hash_.assign(count, 0);
  next_.assign(count, kNone);
  value_index_.assign(count, 0);
  is_tree_.assign(count, 0);
  red_.assign(count, 0);
  left_.assign(count, kNone);
  right_.assign(count, kNone);
  parent_.assign(count, kNone);
  prev_.assign(count, kNone);
  table_.clear();
  size_ = 0;
  threshold_ = 0;
  for (uint32_t i = 0; i < count; ++i) put(i, keys);
  for (int32_t head : table_) {
    for (int32_t e = head; e != kNone; e = next_[e]) order.push_back(value_index_[e]);
  }
  keys_ = nullptr;
}

void JavaHashMapOrder::put(uint32_t key, const Keys& keys) {
  int32_t hash = spread(keys.hash_code(key));
  hash_[key] = hash;
  value_index_[key] = key;
  if (table_.empty()) resize();
  uint32_t index = bucket(hash, table_.size());
  int32_t p = table_[index];
  int32_t existing = kNone;
  if (p == kNone) {
    table_[index] = static_cast<int32_t>(key);
  } else if (hash_[p] == hash && keys.equals(static_cast<uint32_t>(p), key)) {
    existing = p;
  } else if (is_tree_[p]) {
    existing = put_tree_value(index, hash, key, keys);
  } else {
    for (uint32_t bin_count = 0;; ++bin_count) {
      int32_t e = next_[p];
      if (e == kNone) {
        next_[p] = static_cast<int32_t>(key);
        // HashMap counts the nodes it walked past: the bin now holds bin_count + 2 nodes.
        if (bin_count >= kTreeifyThreshold - 1) treeify_bin(hash);
        break;
      }
      if (hash_[e] == hash && keys.equals(static_cast<uint32_t>(e), key)) {
        existing = e;
        break;
      }
      p = e;
    }
  }
  if (existing != kNone) {
    value_index_[existing] = key;
    return;
  }
  if (++size_ > threshold_) resize();
}

void JavaHashMapOrder::resize() {
  size_t old_capacity = table_.size();
  size_t new_capacity = old_capacity == 0 ? first_capacity_ : old_capacity * 2;
  threshold_ = static_cast<uint32_t>(new_capacity * 3 / 4);
  new_table_.assign(new_capacity, kNone);
  for (uint32_t j = 0; j < old_capacity; ++j) {
    int32_t e = table_[j];
    if (e == kNone) continue;
    if (next_[e] == kNone) {
      new_table_[bucket(hash_[e], new_capacity)] = e;
    } else if (is_tree_[e]) {
      split_tree_bin(new_table_, j, static_cast<uint32_t>(old_capacity), e);
    } else {
      int32_t lo_head = kNone, lo_tail = kNone, hi_head = kNone, hi_tail = kNone;
      for (; e != kNone; e = next_[e]) {
        if ((static_cast<uint32_t>(hash_[e]) & old_capacity) == 0) {
          (lo_tail == kNone ? lo_head : next_[lo_tail]) = e;
          lo_tail = e;
        } else {
          (hi_tail == kNone ? hi_head : next_[hi_tail]) = e;
          hi_tail = e;
        }
      }
      if (lo_tail != kNone) next_[lo_tail] = kNone;
      if (hi_tail != kNone) next_[hi_tail] = kNone;
      new_table_[j] = lo_head;
      new_table_[j + old_capacity] = hi_head;
    }
  }
  table_.swap(new_table_);
}

void JavaHashMapOrder::split_tree_bin(std::vector<int32_t>& table, uint32_t index, uint32_t bit,
                                      int32_t head) {
  int32_t lo_head = kNone, lo_tail = kNone, hi_head = kNone, hi_tail = kNone;
  uint32_t lo_count = 0, hi_count = 0;
  for (int32_t e = head, following; e != kNone; e = following) {
    following = next_[e];
    next_[e] = kNone;
    if ((static_cast<uint32_t>(hash_[e]) & bit) == 0) {
      prev_[e] = lo_tail;
      (lo_tail == kNone ? lo_head : next_[lo_tail]) = e;
      lo_tail = e;
      ++lo_count;
    } else {
      prev_[e] = hi_tail;
      (hi_tail == kNone ? hi_head : next_[hi_tail]) = e;
      hi_tail = e;
      ++hi_count;
    }
  }
  if (lo_head != kNone) {
    if (lo_count <= kUntreeifyThreshold) {
      table[index] = untreeify(lo_head);
    } else {
      table[index] = lo_head;
      // With nothing moved out the old tree is still intact.
      if (hi_head != kNone) treeify(table, lo_head, *keys_);
    }
  }
  if (hi_head != kNone) {
    if (hi_count <= kUntreeifyThreshold) {
      table[index + bit] = untreeify(hi_head);
    } else {
      table[index + bit] = hi_head;
      if (lo_head != kNone) treeify(table, hi_head, *keys_);
    }
  }
}

void JavaHashMapOrder::treeify_bin(int32_t hash) {
  if (table_.size() < kMinTreeifyCapacity) {
    resize();
    return;
  }
  uint32_t index = bucket(hash, table_.size());
  int32_t tail = kNone;
  for (int32_t e = table_[index]; e != kNone; e = next_[e]) {
    is_tree_[e] = 1;
    prev_[e] = tail;
    tail = e;
  }
  if (table_[index] != kNone) treeify(table_, table_[index], *keys_);
}

int JavaHashMapOrder::direction(int32_t hash, uint32_t key, int32_t node, const Keys& keys) const {
  if (hash_[node] > hash) return -1;
  if (hash_[node] < hash) return 1;
  int dir = keys.compare(key, static_cast<uint32_t>(node));
  // tieBreakOrder: class names, then identity hash codes, which are not reproducible.
  return dir != 0 ? dir : -1;
}

void JavaHashMapOrder::treeify(std::vector<int32_t>& table, int32_t head, const Keys& keys) {
  int32_t root = kNone;
  for (int32_t x = head; x != kNone; x = next_[x]) {
    left_[x] = right_[x] = kNone;
    if (root == kNone) {
      parent_[x] = kNone;
      red_[x] = 0;
      root = x;
      continue;
    }
    for (int32_t p = root;;) {
      int dir = direction(hash_[x], static_cast<uint32_t>(x), p, keys);
      int32_t xp = p;
      p = dir <= 0 ? left_[p] : right_[p];
      if (p == kNone) {
        parent_[x] = xp;
        (dir <= 0 ? left_[xp] : right_[xp]) = x;
        root = balance_insertion(root, x);
        break;
      }
    }
  }
  move_root_to_front(table, root);
}

int32_t JavaHashMapOrder::untreeify(int32_t head) {
  for (int32_t e = head; e != kNone; e = next_[e]) is_tree_[e] = 0;
  return head;
}

int32_t JavaHashMapOrder::find_in_tree(int32_t p, int32_t hash, uint32_t key,
                                       const Keys& keys) const {
  while (p != kNone) {
    int32_t pl = left_[p], pr = right_[p];
    if (hash_[p] > hash) {
      p = pl;
    } else if (hash_[p] < hash) {
      p = pr;
    } else if (keys.equals(static_cast<uint32_t>(p), key)) {
      return p;
    } else if (pl == kNone) {
      p = pr;
    } else if (pr == kNone) {
      p = pl;
    } else if (int dir = keys.compare(key, static_cast<uint32_t>(p)); dir != 0) {
      p = dir < 0 ? pl : pr;
    } else if (int32_t q = find_in_tree(pr, hash, key, keys); q != kNone) {
      return q;
    } else {
      p = pl;
    }
  }
  return kNone;
}

int32_t JavaHashMapOrder::put_tree_value(uint32_t index, int32_t hash, uint32_t key,
                                         const Keys& keys) {
  int32_t root = table_[index];
  while (parent_[root] != kNone) root = parent_[root];
  bool searched = false;
  for (int32_t p = root;;) {
    int dir;
    if (hash_[p] > hash) {
      dir = -1;
    } else if (hash_[p] < hash) {
      dir = 1;
    } else if (keys.equals(static_cast<uint32_t>(p), key)) {
      return p;
    } else if ((dir = keys.compare(key, static_cast<uint32_t>(p))) == 0) {
      if (!searched) {
        searched = true;
        int32_t q = kNone;
        if ((left_[p] != kNone && (q = find_in_tree(left_[p], hash, key, keys)) != kNone) ||
            (right_[p] != kNone && (q = find_in_tree(right_[p], hash, key, keys)) != kNone)) {
          return q;
        }
      }
      dir = -1;  // tieBreakOrder, see direction()
    }
    int32_t xp = p;
    p = dir <= 0 ? left_[p] : right_[p];
    if (p == kNone) {
      int32_t x = static_cast<int32_t>(key);
      int32_t xpn = next_[xp];
      is_tree_[x] = 1;
      next_[x] = xpn;
      left_[x] = right_[x] = kNone;
      (dir <= 0 ? left_[xp] : right_[xp]) = x;
      next_[xp] = x;
      parent_[x] = prev_[x] = xp;
      if (xpn != kNone) prev_[xpn] = x;
      move_root_to_front(table_, balance_insertion(root, x));
      return kNone;
    }
  }
}

void JavaHashMapOrder::move_root_to_front(std::vector<int32_t>& table, int32_t root) {
  uint32_t index = bucket(hash_[root], table.size());
  int32_t first = table[index];
  if (root == first) return;
  int32_t rn = next_[root], rp = prev_[root];
  table[index] = root;
  if (rn != kNone) prev_[rn] = rp;
  if (rp != kNone) next_[rp] = rn;
  if (first != kNone) prev_[first] = root;
  next_[root] = first;
  prev_[root] = kNone;
}

int32_t JavaHashMapOrder::rotate_left(int32_t root, int32_t p) {
  if (p == kNone || right_[p] == kNone) return root;
  int32_t r = right_[p];
  int32_t rl = right_[p] = left_[r];
  if (rl != kNone) parent_[rl] = p;
  int32_t pp = parent_[r] = parent_[p];
  if (pp == kNone) {
    root = r;
    red_[r] = 0;
  } else if (left_[pp] == p) {
    left_[pp] = r;
  } else {
    right_[pp] = r;
  }
  left_[r] = p;
  parent_[p] = r;
  return root;
}

int32_t JavaHashMapOrder::rotate_right(int32_t root, int32_t p) {
  if (p == kNone || left_[p] == kNone) return root;
  int32_t l = left_[p];
  int32_t lr = left_[p] = right_[l];
  if (lr != kNone) parent_[lr] = p;
  int32_t pp = parent_[l] = parent_[p];
  if (pp == kNone) {
    root = l;
    red_[l] = 0;
  } else if (right_[pp] == p) {
    right_[pp] = l;
  } else {
    left_[pp] = l;
  }
  right_[l] = p;
  parent_[p] = l;
  return root;
}

int32_t JavaHashMapOrder::balance_insertion(int32_t root, int32_t x) {
  red_[x] = 1;
  for (;;) {
    int32_t xp = parent_[x];
    if (xp == kNone) {
      red_[x] = 0;
      return x;
    }
    int32_t xpp = parent_[xp];
    if (!red_[xp] || xpp == kNone) return root;
    int32_t xppl = left_[xpp];
    if (xp == xppl) {
      int32_t xppr = right_[xpp];
      if (xppr != kNone && red_[xppr]) {
        red_[xppr] = 0;
        red_[xp] = 0;
        red_[xpp] = 1;
        x = xpp;
      } else {
        if (x == right_[xp]) {
          x = xp;
          root = rotate_left(root, x);
          xp = parent_[x];
          xpp = xp == kNone ? kNone : parent_[xp];
        }
        if (xp != kNone) {
          red_[xp] = 0;
          if (xpp != kNone) {
            red_[xpp] = 1;
            root = rotate_right(root, xpp);
          }
        }
      }
    } else {
      if (xppl != kNone && red_[xppl]) {
        red_[xppl] = 0;
        red_[xp] = 0;
        red_[xpp] = 1;
        x = xpp;
      } else {
        if (x == left_[xp]) {
          x = xp;
          root = rotate_right(root, x);
          xp = parent_[x];
          xpp = xp == kNone ? kNone : parent_[xp];
        }
        if (xp != kNone) {
          red_[xp] = 0;
          if (xpp != kNone) {
            red_[xpp] = 1;
            root = rotate_left(root, xpp);
          }
        }
      }
    }
  }
}

}  // namespace sluice::format
