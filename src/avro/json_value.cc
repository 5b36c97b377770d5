#include "avro/json_value.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "util/java_number_format.h"
#include "util/json_string_escape.h"

namespace sluice::avro {

JsonValue JsonValue::boolean(bool value) {
  return JsonValue(Kind::kBool, value);
}
JsonValue JsonValue::integer(int64_t value) {
  return JsonValue(Kind::kInt, value);
}
JsonValue JsonValue::big_integer(std::string digits) {
  return JsonValue(Kind::kBigInt, std::make_shared<const std::string>(std::move(digits)));
}
JsonValue JsonValue::number(double value) {
  return JsonValue(Kind::kDouble, value);
}
JsonValue JsonValue::float_number(float value) {
  JsonValue v(Kind::kDouble, static_cast<double>(value));
  v.float_node_ = true;
  return v;
}
JsonValue JsonValue::string(std::string value) {
  return JsonValue(Kind::kString, std::make_shared<const std::string>(std::move(value)));
}
JsonValue JsonValue::array(JsonArray items) {
  return JsonValue(Kind::kArray, std::make_shared<const JsonArray>(std::move(items)));
}
JsonValue JsonValue::object(JsonObject members) {
  return JsonValue(Kind::kObject, std::make_shared<const JsonObject>(std::move(members)));
}

bool JsonValue::is_int32() const {
  if (kind_ != Kind::kInt) return false;
  int64_t v = as_int();
  return v >= INT32_MIN && v <= INT32_MAX;
}

JsonValue JsonValue::with_floats_widened() const {
  switch (kind_) {
    case Kind::kDouble:
      return float_node_ ? number(as_double()) : *this;
    case Kind::kArray: {
      JsonArray items;
      items.reserve(as_array().size());
      for (const JsonValue& item : as_array()) items.push_back(item.with_floats_widened());
      return array(std::move(items));
    }
    case Kind::kObject: {
      JsonObject members;
      members.reserve(as_object().size());
      for (const auto& [key, member] : as_object()) {
        members.emplace_back(key, member.with_floats_widened());
      }
      return object(std::move(members));
    }
    default:
      return *this;
  }
}

const JsonValue* JsonValue::find(std::string_view key) const {
  if (kind_ != Kind::kObject) return nullptr;
  for (const auto& [name, value] : as_object()) {
    if (name == key) return &value;
  }
  return nullptr;
}

bool operator==(const JsonValue& a, const JsonValue& b) {
  // FloatNode and DoubleNode are different classes: never equal.
  if (a.kind_ != b.kind_ || a.float_node_ != b.float_node_) return false;
  switch (a.kind_) {
    case JsonValue::Kind::kNull:
      return true;
    case JsonValue::Kind::kBool:
      return a.as_bool() == b.as_bool();
    case JsonValue::Kind::kInt:
      return a.as_int() == b.as_int();
    case JsonValue::Kind::kDouble: {
      // Double.compare: bit patterns, with every NaN equal to every other NaN.
      double x = a.as_double(), y = b.as_double();
      if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
      return x == y && std::signbit(x) == std::signbit(y);
    }
    case JsonValue::Kind::kBigInt:
    case JsonValue::Kind::kString:
      return a.as_string() == b.as_string();
    case JsonValue::Kind::kArray:
      return a.as_array() == b.as_array();
    case JsonValue::Kind::kObject: {
      const JsonObject& x = a.as_object();
      const JsonObject& y = b.as_object();
      if (x.size() != y.size()) return false;
      for (const auto& [key, value] : x) {
        const JsonValue* other = b.find(key);
        if (other == nullptr || !(*other == value)) return false;
      }
      return true;
    }
  }
  return false;
}

void append_jackson_string(std::string& out, std::string_view text) {
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    util::append_json_escape(out, c);
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

void append_jackson_json(std::string& out, const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::kNull:
      out.append("null");
      return;
    case JsonValue::Kind::kBool:
      out.append(value.as_bool() ? "true" : "false");
      return;
    case JsonValue::Kind::kInt: {
      char buf[24];
      auto end = std::to_chars(buf, buf + sizeof(buf), value.as_int()).ptr;
      out.append(buf, end);
      return;
    }
    case JsonValue::Kind::kBigInt:
      out.append(value.as_string());
      return;
    case JsonValue::Kind::kDouble: {
      double d = value.as_double();
      bool finite = std::isfinite(d);
      if (!finite) out.push_back('"');
      if (value.is_float_node()) {
        util::append_java_float(out, static_cast<float>(d));
      } else {
        util::append_java_double(out, d);
      }
      if (!finite) out.push_back('"');
      return;
    }
    case JsonValue::Kind::kString:
      append_jackson_string(out, value.as_string());
      return;
    case JsonValue::Kind::kArray: {
      out.push_back('[');
      bool first = true;
      for (const JsonValue& item : value.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        append_jackson_json(out, item);
      }
      out.push_back(']');
      return;
    }
    case JsonValue::Kind::kObject: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : value.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        append_jackson_string(out, key);
        out.push_back(':');
        append_jackson_json(out, member);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace sluice::avro
