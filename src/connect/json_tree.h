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

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
  std::string_view text;              // kString: the unescaped content; kNumber: the token
  std::span<const JsonNode> items;    // kArray: elements; kObject: member values
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

class JsonReader {
 public:
  // Jackson 2.15+ StreamReadConstraints.DEFAULT_MAX_DEPTH.
  static constexpr int kMaxDepth = 1000;

  JsonReader();

  // Releases the nodes of earlier documents; call once per record before reading.
  void start_document() { scratch_.reset(); }

  // Reads the first JSON value of `input` into `*root`; nullptr when the input is empty or only
  // whitespace (Jackson's MissingNode). Syntax errors are kDataError with a description of the
  // problem (the caller adds Connect's prefix).
  Status read(std::string_view input, Arena& arena, const JsonNode** root);

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
  struct Attempt;
  Status parse(std::string_view input, Arena& arena, const JsonNode** root, Envelope* envelope);
  Status parse_container(std::string_view input, Arena& arena, const JsonNode** root,
                         Envelope* envelope);
  Status parse_root_scalar(std::string_view input, size_t start, Arena& arena,
                           const JsonNode** root);
  Status iterate(std::string_view input, simdjson::ondemand::document* doc);
  Status build(simdjson::ondemand::value value, int depth, Arena& arena, JsonNode* out);
  Status read_key(simdjson::ondemand::field& field, Arena& arena, std::string_view* key);
  Status read_envelope_members(simdjson::ondemand::value root, Arena& arena, Envelope* out);
  void dedupe_members(size_t base);
  std::span<const JsonNode> pop_nodes(size_t base);
  std::string_view to_input(std::string_view padded_view) const;

  simdjson::ondemand::parser parser_;
  std::unique_ptr<char[]> padded_;  // the document being parsed, followed by simdjson padding
  size_t padded_capacity_ = 0;
  const char* input_base_ = nullptr;  // where padded_ was copied from
  std::vector<JsonNode> node_stack_;
  std::vector<std::string_view> key_stack_;
  std::vector<uint32_t> dedupe_table_;
  Arena scratch_;  // nodes of the documents read since start_document()
};

}  // namespace sluice::connect
