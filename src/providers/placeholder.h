// Finding `${provider:[path:]key}` placeholders in a configuration value, exactly as Kafka's
// ConfigTransformer does with its pattern \$\{([^}]*?):(([^}]*?):)?([^}]*?)\} (Matcher.find, so
// matches do not overlap and are taken left to right).
//
// Consequences of that pattern, reproduced here: a placeholder ends at the first '}'; the provider
// name runs to the first ':', the path (when there is a second ':') to the next one, and the key
// is the rest, so a key may contain ':' but a path may not (AWS's providers ask for ARNs to be
// URL-encoded for that reason); no part can contain '}'; without a second ':' the path is "" (so
// `${ssm::/a}` and `${ssm:/a}` are the same reference); there is no escape (`$${...}` is '$'
// followed by a placeholder).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sluice::providers {

struct Placeholder {
  std::string provider;
  std::string path;  // "" when absent
  std::string key;
  size_t begin = 0;  // offset of "${" in the value
  size_t end = 0;    // one past the closing '}'

  std::string_view text(std::string_view value) const { return value.substr(begin, end - begin); }
};

// Every placeholder in `value`, left to right.
std::vector<Placeholder> find_placeholders(std::string_view value);

}  // namespace sluice::providers
