#include "avro/schema_writer.h"

#include <array>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

namespace sluice::avro {
namespace {

// Java's Schema.Names during toString(): the named types written so far and the namespace of
// the innermost record being written ("" for none).
class JavaSchemaWriter {
 public:
  explicit JavaSchemaWriter(std::string& out) : out_(out) {}

  void write(const Schema& schema) {
    switch (schema.type()) {
      case Type::kRecord:
        write_record(schema);
        return;
      case Type::kEnum:
        write_enum(schema);
        return;
      case Type::kFixed:
        write_fixed(schema);
        return;
      case Type::kArray:
      case Type::kMap:
        write_container(schema);
        return;
      case Type::kUnion:
        write_union(schema);
        return;
      default:
        write_primitive(schema);
        return;
    }
  }

 private:
  void key(std::string_view name) {
    append_jackson_string(out_, name);
    out_.push_back(':');
  }
  void string_member(std::string_view name, std::string_view value) {
    key(name);
    append_jackson_string(out_, value);
  }

  void write_primitive(const Schema& schema) {
    if (schema.props().empty()) {
      append_jackson_string(out_, schema.name());
      return;
    }
    out_.append("{");
    string_member("type", schema.name());
    write_props(schema.props());
    out_.push_back('}');
  }

  void write_props(const Properties& props) {
    for (const Property& prop : props) {
      out_.push_back(',');
      key(prop.name);
      append_jackson_json(out_, prop.value);
    }
  }

  // Java's Name.getQualified(defaultSpace).
  static bool must_qualify(std::string_view space, std::string_view name, std::string_view in) {
    if (space.empty() || space != in) return true;
    // A name that is also a type name is qualified even in its own namespace.
    for (int t = 0; t <= static_cast<int>(Type::kFixed); ++t) {
      if (type_name(static_cast<Type>(t)) == name) return true;
    }
    return false;
  }
  static std::string_view qualified(std::string_view full, std::string_view in) {
    size_t dot = full.rfind('.');
    if (dot == std::string_view::npos) return full;
    return must_qualify(full.substr(0, dot), full.substr(dot + 1), in) ? full
                                                                       : full.substr(dot + 1);
  }

  // Java's NamedSchema.writeNameRef: true (and the reference written) when already defined.
  bool write_reference(const Schema& schema) {
    auto [it, inserted] = written_.emplace(schema.full_name(), &schema);
    if (inserted) return false;
    if (it->second != &schema) {  // a different type of the same name: Java writes it again
      it->second = &schema;
      return false;
    }
    append_jackson_string(out_, qualified(schema.full_name(), space_));
    return true;
  }

  // "name" and, when it differs from the enclosing one, "namespace" (Java's Name.writeName).
  void write_name(const Schema& schema) {
    out_.push_back(',');
    string_member("name", schema.name());
    if (schema.space() != space_) {
      out_.push_back(',');
      string_member("namespace", schema.space());
    }
  }

  void write_doc(const Schema& schema) {
    if (!schema.doc().has_value()) return;
    out_.push_back(',');
    string_member("doc", *schema.doc());
  }

  void write_aliases(const Schema& schema) {
    if (schema.aliases().empty()) return;
    out_.append(",\"aliases\":[");
    bool first = true;
    for (const std::string& alias : schema.aliases()) {
      if (!first) out_.push_back(',');
      first = false;
      append_jackson_string(out_, qualified(alias, schema.space()));
    }
    out_.push_back(']');
  }

  void write_record(const Schema& schema) {
    if (write_reference(schema)) return;
    std::string saved_space = space_;
    out_.push_back('{');
    string_member("type", schema.is_error() ? "error" : "record");
    write_name(schema);
    space_ = schema.space();
    write_doc(schema);
    if (schema.has_fields()) {
      out_.append(",\"fields\":[");
      bool first = true;
      for (const Field& field : schema.fields()) {
        if (!first) out_.push_back(',');
        first = false;
        write_field(field);
      }
      out_.push_back(']');
    }
    write_props(schema.props());
    write_aliases(schema);
    out_.push_back('}');
    space_ = std::move(saved_space);
  }

  void write_field(const Field& field) {
    out_.push_back('{');
    string_member("name", field.name());
    out_.append(",\"type\":");
    write(field.schema());
    if (field.doc().has_value()) {
      out_.push_back(',');
      string_member("doc", *field.doc());
    }
    if (field.default_value().has_value()) {
      out_.append(",\"default\":");
      append_jackson_json(out_, *field.default_value());
    }
    if (field.order() != FieldOrder::kAscending) {
      out_.push_back(',');
      string_member("order", field_order_name(field.order()));
    }
    if (!field.aliases().empty()) {
      out_.append(",\"aliases\":[");
      for (size_t i = 0; i < field.aliases().size(); ++i) {
        if (i > 0) out_.push_back(',');
        append_jackson_string(out_, field.aliases()[i]);
      }
      out_.push_back(']');
    }
    write_props(field.props());
    out_.push_back('}');
  }

  void write_enum(const Schema& schema) {
    if (write_reference(schema)) return;
    out_.push_back('{');
    string_member("type", "enum");
    write_name(schema);
    write_doc(schema);
    out_.append(",\"symbols\":[");
    for (size_t i = 0; i < schema.symbols().size(); ++i) {
      if (i > 0) out_.push_back(',');
      append_jackson_string(out_, schema.symbols()[i]);
    }
    out_.push_back(']');
    if (schema.enum_default().has_value()) {
      out_.push_back(',');
      string_member("default", *schema.enum_default());
    }
    write_props(schema.props());
    write_aliases(schema);
    out_.push_back('}');
  }

  void write_fixed(const Schema& schema) {
    if (write_reference(schema)) return;
    out_.push_back('{');
    string_member("type", "fixed");
    write_name(schema);
    write_doc(schema);
    out_.append(",\"size\":");
    char buf[16];
    out_.append(buf, std::to_chars(buf, buf + sizeof(buf), schema.fixed_size()).ptr);
    write_props(schema.props());
    write_aliases(schema);
    out_.push_back('}');
  }

  void write_container(const Schema& schema) {
    bool is_array = schema.type() == Type::kArray;
    out_.push_back('{');
    string_member("type", is_array ? "array" : "map");
    out_.append(is_array ? ",\"items\":" : ",\"values\":");
    write(is_array ? schema.items() : schema.values());
    write_props(schema.props());
    out_.push_back('}');
  }

  void write_union(const Schema& schema) {
    out_.push_back('[');
    bool first = true;
    for (const Schema* branch : schema.branches()) {
      if (!first) out_.push_back(',');
      first = false;
      write(*branch);
    }
    out_.push_back(']');
  }

  std::string& out_;
  std::string space_;
  std::unordered_map<std::string, const Schema*> written_;
};

// Java's SchemaNormalization.build.
void append_canonical(std::string& out, const Schema& schema,
                      std::unordered_set<std::string>& defined) {
  Type type = schema.type();
  if (is_primitive(type)) {
    out.append("\"").append(type_name(type)).append("\"");
  } else if (type == Type::kUnion) {
    out.push_back('[');
    for (size_t i = 0; i < schema.branches().size(); ++i) {
      if (i > 0) out.push_back(',');
      append_canonical(out, *schema.branches()[i], defined);
    }
    out.push_back(']');
  } else if (type == Type::kArray || type == Type::kMap) {
    bool is_array = type == Type::kArray;
    out.append(is_array ? "{\"type\":\"array\",\"items\":" : "{\"type\":\"map\",\"values\":");
    append_canonical(out, is_array ? schema.items() : schema.values(), defined);
    out.push_back('}');
  } else if (!defined.insert(schema.full_name()).second) {
    out.append("\"").append(schema.full_name()).append("\"");
  } else {
    out.append("{\"name\":\"").append(schema.full_name()).append("\",\"type\":\"");
    out.append(type_name(type)).append("\"");
    if (type == Type::kEnum) {
      out.append(",\"symbols\":[");
      for (size_t i = 0; i < schema.symbols().size(); ++i) {
        out.append(i > 0 ? ",\"" : "\"").append(schema.symbols()[i]).append("\"");
      }
      out.push_back(']');
    } else if (type == Type::kFixed) {
      out.append(",\"size\":").append(std::to_string(schema.fixed_size()));
    } else {
      out.append(",\"fields\":[");
      for (size_t i = 0; i < schema.fields().size(); ++i) {
        const Field& field = schema.fields()[i];
        out.append(i > 0 ? ",{\"name\":\"" : "{\"name\":\"").append(field.name());
        out.append("\",\"type\":");
        append_canonical(out, field.schema(), defined);
        out.push_back('}');
      }
      out.push_back(']');
    }
    out.push_back('}');
  }
}

constexpr uint64_t kEmpty64 = 0xc15d213aa4d7a795ULL;

constexpr std::array<uint64_t, 256> make_fingerprint_table() {
  std::array<uint64_t, 256> table{};
  for (uint64_t i = 0; i < 256; ++i) {
    uint64_t fp = i;
    for (int j = 0; j < 8; ++j) fp = (fp >> 1) ^ (kEmpty64 & (0 - (fp & 1)));
    table[i] = fp;
  }
  return table;
}
constexpr std::array<uint64_t, 256> kFingerprintTable = make_fingerprint_table();

}  // namespace

void append_schema_json(std::string& out, const Schema& schema) {
  JavaSchemaWriter(out).write(schema);
}

std::string schema_to_json(const Schema& schema) {
  std::string out;
  append_schema_json(out, schema);
  return out;
}

std::string parsing_canonical_form(const Schema& schema) {
  std::string out;
  std::unordered_set<std::string> defined;
  append_canonical(out, schema, defined);
  return out;
}

uint64_t fingerprint64(std::string_view bytes) {
  uint64_t fp = kEmpty64;
  for (char c : bytes)
    fp = (fp >> 8) ^ kFingerprintTable[(fp ^ static_cast<unsigned char>(c)) & 0xff];
  return fp;
}

uint64_t parsing_fingerprint64(const Schema& schema) {
  return fingerprint64(parsing_canonical_form(schema));
}

}  // namespace sluice::avro
