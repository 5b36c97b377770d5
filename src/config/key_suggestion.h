// "Did you mean ...?" for unknown configuration keys and class names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::config {

// Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions
// and transpositions of adjacent characters each cost 1.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` (compared case-insensitively), if it is close enough to be a
// plausible typo: at most 1 edit for names up to 4 characters, 2 up to 12, 3 beyond. Ties go to
// the earlier candidate.
std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates);

}  // namespace sluice::config
