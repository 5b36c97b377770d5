// Pieces of Prometheus' text exposition format, version 0.0.4 (the "Text-based format" of the
// Prometheus documentation, docs/instrumenting/exposition_formats.md): name checks, escaping of
// label values and HELP text, and how sample values are written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::metrics {

// The Content-Type a scrape answer carries.
inline constexpr std::string_view kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool valid_metric_name(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved for Prometheus' own labels).
bool valid_label_name(std::string_view name);

// A label value: backslash, double quote and line feed become \\, \" and \n.
void append_escaped_label_value(std::string& out, std::string_view value);
// HELP text: backslash and line feed become \\ and \n.
void append_escaped_help(std::string& out, std::string_view help);

// A sample value as Go's strconv.FormatFloat(v, 'g', -1, 64) would be parsed back: integers up to
// 2^53 without exponent or fraction, others in the shortest form that reads back exactly, and
// +Inf, -Inf, NaN.
void append_value(std::string& out, double value);
void append_value(std::string& out, uint64_t value);

// `{a="x",b="y"}` for the names and values given, plus an extra pair (the histogram's le) when
// `extra_name` is not empty; nothing at all when there are no labels.
// REQUIRES: names.size() == values.size().
void append_labels(std::string& out, const std::vector<std::string>& names,
                   const std::vector<std::string>& values, std::string_view extra_name = {},
                   std::string_view extra_value = {});

}  // namespace sluice::metrics
