#include "providers/placeholder.h"

namespace sluice::providers {

std::vector<Placeholder> find_placeholders(std::string_view value) {
  std::vector<Placeholder> out;
  size_t from = 0;
  while (true) {
    size_t begin = value.find("${", from);
    if (begin == std::string_view::npos) break;
    // No part of a match may contain '}', so a match starting here ends at the first '}'.
    size_t close = value.find('}', begin + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = value.substr(begin + 2, close - begin - 2);
    size_t first_colon = inner.find(':');
    if (first_colon == std::string_view::npos) {
      // Matcher.find retries from the next character: a later "${" before `close` may still match
      // (it cannot: its inner part is a suffix of this one, which has no ':'), so skip to `close`.
      from = close + 1;
      continue;
    }
    Placeholder p;
    p.provider = std::string(inner.substr(0, first_colon));
    std::string_view rest = inner.substr(first_colon + 1);
    size_t second_colon = rest.find(':');
    if (second_colon != std::string_view::npos) {
      p.path = std::string(rest.substr(0, second_colon));
      p.key = std::string(rest.substr(second_colon + 1));
    } else {
      p.key = std::string(rest);
    }
    p.begin = begin;
    p.end = close + 1;
    out.push_back(std::move(p));
    from = close + 1;
  }
  return out;
}

}  // namespace sluice::providers
