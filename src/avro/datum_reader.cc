#include "avro/datum_reader.h"

#include <charconv>
#include <cmath>
#include <type_traits>

#include "avro/json_value.h"
#include "util/java_number_format.h"

namespace sluice::avro {
namespace {

Status too_deep() {
  return Status::data_error("avro: datum nested deeper than " + std::to_string(kMaxDatumDepth) +
                            " levels");
}

// Reads an array's or map's items through `item`, block by block.
template <typename ReadItem>
Status read_blocks(Decoder& decoder, ReadItem&& item) {
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(int64_t count, decoder.read_block_count());
    if (count == 0) return Status::ok_status();
    for (int64_t i = 0; i < count; ++i) SLUICE_RETURN_IF_ERROR(item(i));
  }
}

Status skip(Decoder& decoder, const Schema& schema, int depth) {
  if (depth > kMaxDatumDepth) return too_deep();
  switch (schema.type()) {
    case Type::kNull:
      return Status::ok_status();
    case Type::kBoolean:
      return decoder.read_boolean().status();
    case Type::kInt:
      return decoder.read_int().status();
    case Type::kLong:
      return decoder.read_long().status();
    case Type::kFloat:
      return decoder.skip(4);
    case Type::kDouble:
      return decoder.skip(8);
    case Type::kBytes:
    case Type::kString:
      return decoder.read_bytes().status();
    case Type::kFixed:
      return decoder.skip(static_cast<size_t>(schema.fixed_size()));
    case Type::kEnum:
      return decoder.read_enum(schema.symbols().size()).status();
    case Type::kUnion: {
      SLUICE_ASSIGN_OR_RETURN(int32_t branch, decoder.read_union_index(schema.branches().size()));
      return skip(decoder, *schema.branches()[static_cast<size_t>(branch)], depth + 1);
    }
    case Type::kRecord:
      for (const Field& field : schema.fields()) {
        SLUICE_RETURN_IF_ERROR(skip(decoder, field.schema(), depth + 1));
      }
      return Status::ok_status();
    case Type::kArray:
      return read_blocks(decoder,
                         [&](int64_t) { return skip(decoder, schema.items(), depth + 1); });
    case Type::kMap:
      return read_blocks(decoder, [&](int64_t) {
        SLUICE_RETURN_IF_ERROR(decoder.read_string().status());
        return skip(decoder, schema.values(), depth + 1);
      });
  }
  return Status::ok_status();
}

void append_number(std::string& out, int64_t value) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof(buf), value).ptr);
}

// Float.toString / Double.toString (JDK 17's digits), non-finite values quoted.
template <typename Floating>
void append_floating(std::string& out, Floating value) {
  bool finite = std::isfinite(value);
  if (!finite) out.push_back('"');
  if constexpr (std::is_same_v<Floating, float>) {
    util::append_java_float(out, value);
  } else {
    util::append_java_double(out, value);
  }
  if (!finite) out.push_back('"');
}

// Bytes as a JSON string of the code points U+0000..U+00FF.
void append_byte_string(std::string& out, std::string_view bytes) {
  std::string utf8;
  utf8.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      utf8.push_back(static_cast<char>(c));
    } else {
      utf8.push_back(static_cast<char>(0xc0 | (c >> 6)));
      utf8.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  append_jackson_string(out, utf8);
}

class JsonRenderer {
 public:
  JsonRenderer(Decoder& decoder, std::string& out) : decoder_(decoder), out_(out) {}

  Status render(const Schema& schema, int depth) {
    if (depth > kMaxDatumDepth) return too_deep();
    switch (schema.type()) {
      case Type::kRecord:
        return render_record(schema, depth);
      case Type::kArray:
      case Type::kMap:
        return render_collection(schema, depth);
      case Type::kUnion:
        return render_union(schema, depth);
      default:
        return render_scalar(schema);
    }
  }

 private:
  Status render_scalar(const Schema& schema) {
    switch (schema.type()) {
      case Type::kNull:
        out_.append("null");
        return Status::ok_status();
      case Type::kBoolean: {
        SLUICE_ASSIGN_OR_RETURN(bool value, decoder_.read_boolean());
        out_.append(value ? "true" : "false");
        return Status::ok_status();
      }
      case Type::kInt: {
        SLUICE_ASSIGN_OR_RETURN(int32_t value, decoder_.read_int());
        append_number(out_, value);
        return Status::ok_status();
      }
      case Type::kLong: {
        SLUICE_ASSIGN_OR_RETURN(int64_t value, decoder_.read_long());
        append_number(out_, value);
        return Status::ok_status();
      }
      case Type::kFloat: {
        SLUICE_ASSIGN_OR_RETURN(float value, decoder_.read_float());
        append_floating(out_, value);
        return Status::ok_status();
      }
      case Type::kDouble: {
        SLUICE_ASSIGN_OR_RETURN(double value, decoder_.read_double());
        append_floating(out_, value);
        return Status::ok_status();
      }
      default:
        return render_text(schema);
    }
  }

  Status render_text(const Schema& schema) {
    switch (schema.type()) {
      case Type::kString: {
        SLUICE_ASSIGN_OR_RETURN(std::string_view value, decoder_.read_string());
        append_jackson_string(out_, value);
        return Status::ok_status();
      }
      case Type::kBytes: {
        SLUICE_ASSIGN_OR_RETURN(std::string_view value, decoder_.read_bytes());
        append_byte_string(out_, value);
        return Status::ok_status();
      }
      case Type::kFixed: {
        SLUICE_ASSIGN_OR_RETURN(std::string_view value,
                                decoder_.read_fixed(static_cast<size_t>(schema.fixed_size())));
        append_byte_string(out_, value);
        return Status::ok_status();
      }
      case Type::kEnum: {
        SLUICE_ASSIGN_OR_RETURN(int32_t index, decoder_.read_enum(schema.symbols().size()));
        append_jackson_string(out_, schema.symbols()[static_cast<size_t>(index)]);
        return Status::ok_status();
      }
      default:
        return Status::data_error("avro: unexpected schema type " +
                                  std::string(type_name(schema.type())));
    }
  }

  Status render_record(const Schema& schema, int depth) {
    out_.push_back('{');
    bool first = true;
    for (const Field& field : schema.fields()) {
      if (!first) out_.push_back(',');
      first = false;
      append_jackson_string(out_, field.name());
      out_.push_back(':');
      SLUICE_RETURN_IF_ERROR(render(field.schema(), depth + 1));
    }
    out_.push_back('}');
    return Status::ok_status();
  }

  Status render_collection(const Schema& schema, int depth) {
    bool is_map = schema.type() == Type::kMap;
    out_.push_back(is_map ? '{' : '[');
    bool first = true;
    SLUICE_RETURN_IF_ERROR(read_blocks(decoder_, [&](int64_t) {
      if (!first) out_.push_back(',');
      first = false;
      if (is_map) {
        SLUICE_ASSIGN_OR_RETURN(std::string_view key, decoder_.read_string());
        append_jackson_string(out_, key);
        out_.push_back(':');
      }
      return render(is_map ? schema.values() : schema.items(), depth + 1);
    }));
    out_.push_back(is_map ? '}' : ']');
    return Status::ok_status();
  }

  Status render_union(const Schema& schema, int depth) {
    SLUICE_ASSIGN_OR_RETURN(int32_t index, decoder_.read_union_index(schema.branches().size()));
    const Schema& branch = *schema.branches()[static_cast<size_t>(index)];
    if (branch.type() == Type::kNull) {
      out_.append("null");
      return Status::ok_status();
    }
    out_.push_back('{');
    append_jackson_string(out_, branch.full_name());
    out_.push_back(':');
    SLUICE_RETURN_IF_ERROR(render(branch, depth + 1));
    out_.push_back('}');
    return Status::ok_status();
  }

  Decoder& decoder_;
  std::string& out_;
};

}  // namespace

Status skip_datum(Decoder& decoder, const Schema& schema) {
  return skip(decoder, schema, 0);
}

Status append_datum_json(Decoder& decoder, const Schema& schema, std::string& out) {
  return JsonRenderer(decoder, out).render(schema, 0);
}

}  // namespace sluice::avro
