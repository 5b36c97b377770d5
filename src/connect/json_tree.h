// JsonNode and JsonReader: JSON text -> a read-only tree with Jackson's semantics, for
// JsonConverter (kafka-connect.md §2.3).
//
// JsonConverter's Java side parses with Jackson's ObjectMapper.readTree, and several of its
// behaviours are observable: leading zeros in numbers are accepted, numbers keep every digit,
// only the first JSON value is read (trailing content is ignored), empty input is a "missing"
// node, a duplicated object key keeps its first position with the last value, and nesting deeper
// than 1000 fails. JsonReader reproduces those on top of simdjson's On-Demand parser.
//
// Ownership: nodes live in the reader's scratch arena and stay valid until the next
// start_document() (the tree is thrown away once converted, so it stays small and cache-hot
// instead of filling the batch Arena); unescaped strings and keys are copied into the caller's
// Arena because converted values point at them; strings without escapes and number tokens are
// views into the input bytes. The reader owns the simdjson parser and scratch buffers and reuses
// them for every document (one reader per converter).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

enum class JsonType : uint8_t { kNull, kBoolean, kNumber, kString, kArray, kObject };

struct JsonNode {
  JsonType type = JsonType::kNull;
  bool boolean = false;
  // kNumber: the token has no fraction or exponent (Jackson's VALUE_NUMBER_INT), and whether
  // int64_value holds its exact value (up to 18 significant digits, decided while parsing).
  bool integral = false;
  bool exact_int64 = false;
  std::string_view text;            // kString: the unescaped content; kNumber: the token
  std::span<const JsonNode> items;  // kArray: elements; kObject: member values
  union {
    const std::string_view* keys = nullptr;  // kObject: member names, parallel to items, unique
    int64_t int64_value;                     // kNumber with exact_int64
  };

  size_t size() const { return items.size(); }
  // ObjectNode.get(name): nullptr when absent or when this is not an object. `hint` is the index
  // to try first (struct fields usually arrive in schema order).
  const JsonNode* get(std::string_view name,
                      size_t hint = std::numeric_limits<size_t>::max()) const;
};

// Jackson's JsonNodeType name ("OBJECT", "NUMBER", ...); "MISSING" for nullptr.
std::string_view json_node_type_name(const JsonNode* node);

// Jackson's lax accessors as JsonConverter uses them (see json_number.h): longValue(),
// intValue(), floatValue(), doubleValue() give 0 for anything that is not a number; isInt() is
// true for an integer token that fits in 32 bits.
int64_t json_long_value(const JsonNode& node);
int32_t json_int_value(const JsonNode& node);
float json_float_value(const JsonNode& node);
double json_double_value(const JsonNode& node);
bool json_is_int(const JsonNode& node);

class JsonReader {
 public:
  // Jackson 2.15+ StreamReadConstraints.DEFAULT_MAX_DEPTH.
  static constexpr int kMaxDepth = 1000;

  JsonReader();
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Releases the nodes of earlier documents; call once per record before reading.
  void start_document();

  // Reads the first JSON value of `input` into `*root`; nullptr when the input is empty or only
  // whitespace (Jackson's MissingNode). Syntax errors are kDataError with a description of the
  // problem (the caller adds Connect's prefix).
  Status read(std::string_view input, Arena& arena, const JsonNode** root);

  // Like read() followed by JsonConverter's schemaless inference (integral numbers -> INT64,
  // others -> FLOAT64, objects -> string-keyed maps in input order), in one pass that builds the
  // Values directly in `arena`. Empty input is null.
  Status read_values(std::string_view input, Arena& arena, Value* out);

  // What read_envelope() found in a {"schema": ..., "payload": ...} document.
  struct Envelope {
    enum class SchemaKind : uint8_t { kNull, kObject, kOther };
    // The root is an object with exactly the members "schema" and "payload".
    bool valid = false;
    SchemaKind schema_kind = SchemaKind::kNull;
    // kObject: the schema's source text, a view into the input (the schema cache's key). The
    // schema is not parsed into nodes; parse it with read() on a cache miss.
    std::string_view schema_text;
    const JsonNode* payload = nullptr;
  };
  // Like read(), for JsonConverter with schemas.enable=true. When the envelope is not valid the
  // whole document is still checked, so that a syntax error wins over the envelope error, as in
  // Java where parsing comes first.
  Status read_envelope(std::string_view input, Arena& arena, Envelope* out);

 private:
  // The simdjson parser and scratch space. Kept out of this header: simdjson's object layouts
  // depend on how the including file is compiled (its development checks follow __OPTIMIZE__),
  // and its header is large.
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::connect
