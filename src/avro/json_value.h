// JsonValue: an immutable JSON value as Jackson's tree model (JsonNode) holds it inside Avro's Java
// library, for schema properties and field defaults.
//
// Why not a general JSON library type: the Avro schema text that Java writes depends on details a
// general JSON model loses: object members keep their first-insertion order (a repeated key keeps
// its first position and takes the last value, as Jackson's ObjectNode does), integers that fit
// neither int nor long stay as their digits (Jackson's BigIntegerNode), and every other number
// with a fraction or exponent is a double (DoubleNode) printed as Java's Double.toString, or a
// float (FloatNode) printed as Float.toString.
//
// Values are cheap to copy: strings, arrays and objects share their immutable payload. A JsonValue
// is safe to read from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sluice::avro {

class JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonMember = std::pair<std::string, JsonValue>;
using JsonObject = std::vector<JsonMember>;

class JsonValue {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kInt,     // fits a Java long (Jackson IntNode or LongNode)
    kBigInt,  // an integer literal beyond long's range, kept as its digits (BigIntegerNode)
    kDouble,  // any literal with a fraction or an exponent (DoubleNode); or a FloatNode, see
              // float_number()
    kString,
    kArray,
    kObject,
  };

  JsonValue() = default;  // null
  static JsonValue null() { return JsonValue(); }
  static JsonValue boolean(bool value);
  static JsonValue integer(int64_t value);
  // REQUIRES: `digits` is a JSON integer literal ("-"? digits, no leading zeros) outside long.
  static JsonValue big_integer(std::string digits);
  static JsonValue number(double value);
  // Jackson's FloatNode, which Confluent's AvroData makes for a FLOAT32 default: a kDouble that
  // holds the float's exact value but prints as Float.toString ("0.1", not
  // "0.10000000149011612"). Reading it as a double gives the widened value, as FloatNode does.
  static JsonValue float_number(float value);
  static JsonValue string(std::string value);
  static JsonValue array(JsonArray items);
  // Members in order. REQUIRES: no key repeats (the JSON reader merges repeats as Jackson does).
  static JsonValue object(JsonObject members);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }
  // Jackson's isIntegralNumber(): kInt or kBigInt.
  bool is_integral() const { return kind_ == Kind::kInt || kind_ == Kind::kBigInt; }
  // Jackson's isNumber(): any numeric kind.
  bool is_number() const { return is_integral() || kind_ == Kind::kDouble; }
  // Jackson's isInt(): an integer that fits a Java int (IntNode).
  bool is_int32() const;

  // REQUIRES: the matching kind.
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_double() const { return std::get<double>(data_); }
  // The text of a kString, or the digits of a kBigInt.
  const std::string& as_string() const {
    return *std::get<std::shared_ptr<const std::string>>(data_);
  }
  const JsonArray& as_array() const { return *std::get<std::shared_ptr<const JsonArray>>(data_); }
  const JsonObject& as_object() const {
    return *std::get<std::shared_ptr<const JsonObject>>(data_);
  }

  // Whether this kDouble is a FloatNode (float_number()).
  bool is_float_node() const { return float_node_; }
  // This value with every FloatNode, at any depth, turned into the DoubleNode of the same value,
  // as Avro's JacksonUtils round trip does to a field default.
  JsonValue with_floats_widened() const;

  // The member named `key` of an object, or nullptr (also when this is not an object).
  const JsonValue* find(std::string_view key) const;

  // Jackson's JsonNode.equals: same kind and value; doubles compare as Double.compare does (NaN
  // equals NaN, 0.0 differs from -0.0); objects compare members regardless of order.
  friend bool operator==(const JsonValue& a, const JsonValue& b);

 private:
  using Data =
      std::variant<std::monostate, bool, int64_t, double, std::shared_ptr<const std::string>,
                   std::shared_ptr<const JsonArray>, std::shared_ptr<const JsonObject>>;
  JsonValue(Kind kind, Data data) : kind_(kind), data_(std::move(data)) {}

  Kind kind_ = Kind::kNull;
  bool float_node_ = false;
  Data data_;
};

// Appends `value` as Jackson's generator writes it in Avro's Schema.toString(): no whitespace,
// members in order, strings escaped as append_jackson_string, doubles as Java's Double.toString
// and float nodes as Float.toString, both with JDK 17's digits (util/java_number_format.h; the
// Java connector runs on Java 11 or 17), non-finite ones quoted ("NaN", "Infinity", "-Infinity",
// as QUOTE_NON_NUMERIC_NUMBERS does).
void append_jackson_json(std::string& out, const JsonValue& value);

// Appends `text` (UTF-8) as a quoted JSON string as Jackson's character-based generator writes it
// (the one Schema.toString() uses): `"` and `\` get a backslash, U+0008/09/0A/0C/0D become
// \b \t \n \f \r, other characters below U+0020 become \u00XX with upper-case hex, and everything
// else (DEL, U+2028, characters outside the BMP) is written raw.
void append_jackson_string(std::string& out, std::string_view text);

}  // namespace sluice::avro
