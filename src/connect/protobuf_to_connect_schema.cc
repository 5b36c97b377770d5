#include "connect/protobuf_to_connect_schema.h"

#include <algorithm>
#include <map>
#include <vector>

#include "connect/decimal_bytes.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace sluice::connect {
namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;
using pb::internal::WireFormatLite;

constexpr int kFieldMetaNumber = 1088;  // (confluent.field_meta) on FieldOptions

std::shared_ptr<Schema> make(SchemaType type) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  return s;
}

std::shared_ptr<Schema> make_logical(SchemaType type, std::string_view name) {
  auto s = make(type);
  s->name = std::string(name);
  s->version = 1;
  return s;
}

void set_parameter(Schema& s, std::string_view key, std::string value) {
  for (auto& [k, v] : s.parameters) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  s.parameters.emplace_back(std::string(key), std::move(value));
}

// FieldDescriptor.Type.toString().toLowerCase(): the proto type name.
std::string_view type_name(FieldDescriptor::Type type) {
  return FieldDescriptor::TypeName(type);
}

// Reads one length-delimited Meta message: its params map entries (field 2: key 1, value 2).
void read_meta_params(std::string_view meta,
                      std::vector<std::pair<std::string, std::string>>& out) {
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(meta.data()),
                              static_cast<int>(meta.size()));
  while (uint32_t tag = in.ReadTag()) {
    if (tag != WireFormatLite::MakeTag(2, WireFormatLite::WIRETYPE_LENGTH_DELIMITED)) {
      if (!WireFormatLite::SkipField(&in, tag)) return;
      continue;
    }
    std::string entry, key, value;
    if (!WireFormatLite::ReadBytes(&in, &entry)) return;
    pb::io::CodedInputStream e(reinterpret_cast<const uint8_t*>(entry.data()),
                               static_cast<int>(entry.size()));
    while (uint32_t etag = e.ReadTag()) {
      const int number = WireFormatLite::GetTagFieldNumber(etag);
      const bool delimited =
          WireFormatLite::GetTagWireType(etag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
      if (delimited && number == 1) {
        if (!WireFormatLite::ReadBytes(&e, &key)) return;
      } else if (delimited && number == 2) {
        if (!WireFormatLite::ReadBytes(&e, &value)) return;
      } else if (!WireFormatLite::SkipField(&e, etag)) {
        return;
      }
    }
    // A map: a later entry with the same key replaces the earlier value.
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == key; });
    if (it != out.end()) {
      it->second = std::move(value);
    } else {
      out.emplace_back(std::move(key), std::move(value));
    }
  }
}

const std::string* find_param(const std::vector<std::pair<std::string, std::string>>& params,
                              std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return &v;
  }
  return nullptr;
}

// Guava's CaseFormat.UPPER_CAMEL.to(LOWER_UNDERSCORE, s): words start at ASCII capitals.
std::string upper_camel_to_lower_underscore(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0) out.push_back('_');
    out.push_back(upper ? static_cast<char>(c + ('a' - 'A')) : c);
  }
  return out;
}

}  // namespace

// What one conversion remembers about message types (Java's ToConnectContext): the types being
// converted (a use of one of them is recursion) and, for each converted type, the struct its
// first use built and the parameters that first use gave that struct.
struct ProtobufToConnectSchema::Context {
  struct Converted {
    std::shared_ptr<Schema> first;  // the struct as its first use returned it
    std::vector<std::pair<std::string, std::string>> builder_parameters;
  };
  std::vector<std::pair<const pb::Descriptor*, const Schema*>> in_progress;
  std::map<const pb::Descriptor*, Converted> converted;
  // Reference nodes made for recursive uses (schema.h), completed once the whole schema is.
  std::vector<std::shared_ptr<Schema>> references;
  bool root_recursive = false;  // a reference node stands for the top-level message
};

bool protobuf_field_is_optional(const FieldDescriptor& field, const ProtobufDataConfig& config) {
  const bool proto3_optional =
      field.containing_oneof() != nullptr && field.containing_oneof()->is_synthetic();
  return proto3_optional || (config.optional_for_proto2 && field.has_optional_keyword());
}

bool protobuf_is_map_field(const FieldDescriptor& field) {
  if (!field.is_repeated() || field.message_type() == nullptr) return false;
  const pb::Descriptor& m = *field.message_type();
  return m.name().ends_with("Entry") && m.field_count() == 2 && m.field(0)->name() == "key" &&
         m.field(1)->name() == "value" && !m.field(0)->is_repeated() && !m.field(1)->is_repeated();
}

std::optional<SchemaType> protobuf_wrapper_type(const pb::Descriptor& message) {
  const std::string& n = message.full_name();
  if (n == "google.protobuf.DoubleValue") return SchemaType::kFloat64;
  if (n == "google.protobuf.FloatValue") return SchemaType::kFloat32;
  if (n == "google.protobuf.Int64Value" || n == "google.protobuf.UInt64Value" ||
      n == "google.protobuf.UInt32Value") {
    return SchemaType::kInt64;
  }
  if (n == "google.protobuf.Int32Value") return SchemaType::kInt32;
  if (n == "google.protobuf.BoolValue") return SchemaType::kBoolean;
  if (n == "google.protobuf.StringValue") return SchemaType::kString;
  if (n == "google.protobuf.BytesValue") return SchemaType::kBytes;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> protobuf_field_meta_params(
    const FieldDescriptor& field) {
  std::vector<std::pair<std::string, std::string>> params;
  // Custom options the pool interpreted are kept as unknown fields of the generated
  // FieldOptions; (confluent.field_meta) is field 1088 there.
  const std::string options = field.options().SerializeAsString();
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(options.data()),
                              static_cast<int>(options.size()));
  while (uint32_t tag = in.ReadTag()) {
    if (tag ==
        WireFormatLite::MakeTag(kFieldMetaNumber, WireFormatLite::WIRETYPE_LENGTH_DELIMITED)) {
      std::string meta;
      if (!WireFormatLite::ReadBytes(&in, &meta)) break;
      read_meta_params(meta, params);
    } else if (!WireFormatLite::SkipField(&in, tag)) {
      break;
    }
  }
  return params;
}

std::string protobuf_map_field_name(std::string_view entry_name) {
  const size_t dot = entry_name.rfind('.');
  const std::string_view prefix =
      dot == std::string_view::npos ? std::string_view() : entry_name.substr(0, dot + 1);
  std::string_view last = dot == std::string_view::npos ? entry_name : entry_name.substr(dot + 1);
  constexpr std::string_view kSuffix = "Entry";
  if (!last.ends_with(kSuffix)) return std::string(entry_name);
  last.remove_suffix(kSuffix.size());
  return std::string(prefix) + upper_camel_to_lower_underscore(last);
}

Result<SchemaPtr> ProtobufToConnectSchema::convert(const pb::Descriptor& message,
                                                   std::optional<int32_t> version) const {
  std::shared_ptr<Schema> schema;
  if (config_.wrapper_for_raw_primitives) {
    if (std::optional<SchemaType> primitive = protobuf_wrapper_type(message)) {
      schema = make(*primitive);
    }
  }
  Context ctx;
  if (schema == nullptr) {
    SLUICE_ASSIGN_OR_RETURN(schema, message_schema(ctx, message));
  }
  schema->version = version;
  // Java's SchemaWrapper for a recursive use marks the wrapped builder optional, the top-level
  // one included, and reads its attributes when the record is converted: after all of this.
  if (ctx.root_recursive) schema->optional = true;
  for (const std::shared_ptr<Schema>& ref : ctx.references) {
    complete_reference(*ref, ref->parameters);
  }
  return SchemaPtr(std::move(schema));
}

Result<std::shared_ptr<Schema>> ProtobufToConnectSchema::message_schema(
    Context& ctx, const pb::Descriptor& d) const {
  auto s = make(SchemaType::kStruct);
  ctx.in_progress.emplace_back(&d, s.get());
  s->name = config_.enhanced_schema_support ? d.full_name() : d.name();
  auto add_field = [&](const std::string& name, SchemaPtr schema) {
    s->fields.push_back(Field{name, static_cast<int>(s->fields.size()), std::move(schema)});
  };
  for (int i = 0; i < d.real_oneof_decl_count(); ++i) {
    const pb::OneofDescriptor& o = *d.oneof_decl(i);
    if (config_.flatten_unions) {
      for (int j = 0; j < o.field_count(); ++j) {
        SLUICE_ASSIGN_OR_RETURN(SchemaPtr member, field_schema(ctx, *o.field(j)));
        add_field(o.field(j)->name(), std::move(member));
      }
    } else {
      SLUICE_ASSIGN_OR_RETURN(SchemaPtr union_schema, oneof_schema(ctx, o));
      add_field(
          config_.generate_index_for_unions ? o.name() + "_" + std::to_string(o.index()) : o.name(),
          std::move(union_schema));
    }
  }
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor& f = *d.field(i);
    if (f.real_containing_oneof() != nullptr) continue;  // already a oneof member
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr field, field_schema(ctx, f));
    add_field(f.name(), std::move(field));
  }
  ctx.in_progress.pop_back();
  return s;
}

Result<SchemaPtr> ProtobufToConnectSchema::oneof_schema(Context& ctx,
                                                        const pb::OneofDescriptor& o) const {
  auto s = make(SchemaType::kStruct);
  if (config_.generalized_sum_type_support) {
    s->name = o.name();
    s->parameters.emplace_back(std::string(kGeneralizedUnionParam), o.name());
  } else {
    s->name = std::string(kProtobufUnionPrefix) +
              (config_.enhanced_schema_support ? o.full_name() : o.name());
  }
  for (int i = 0; i < o.field_count(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr member, field_schema(ctx, *o.field(i)));
    s->fields.push_back(Field{o.field(i)->name(), i, std::move(member)});
  }
  s->optional = true;
  return SchemaPtr(std::move(s));
}

std::shared_ptr<Schema> ProtobufToConnectSchema::enum_base(const pb::EnumDescriptor& e) const {
  auto s = make(config_.int_for_enums ? SchemaType::kInt32 : SchemaType::kString);
  s->name = config_.enhanced_schema_support ? e.full_name() : e.name();
  const std::string key(config_.generalized_sum_type_support ? kGeneralizedEnumParam
                                                             : kProtobufEnumParam);
  s->parameters.emplace_back(key, e.name());
  for (int i = 0; i < e.value_count(); ++i) {
    set_parameter(*s, key + "." + e.value(i)->name(), std::to_string(e.value(i)->number()));
  }
  s->optional = true;
  return s;
}

Result<std::shared_ptr<Schema>> ProtobufToConnectSchema::message_field_base(
    Context& ctx, const FieldDescriptor& f, const pb::Descriptor** first_use) const {
  const pb::Descriptor& m = *f.message_type();
  const std::string& full = m.full_name();
  std::shared_ptr<Schema> b;
  if (full == "confluent.type.Decimal") {
    const auto params = protobuf_field_meta_params(f);
    std::optional<int32_t> precision;
    int32_t scale = 0;
    if (const std::string* p = find_param(params, "precision")) precision = parse_java_int(*p);
    if (const std::string* sc = find_param(params, "scale"))
      scale = parse_java_int(*sc).value_or(0);
    b = make_logical(SchemaType::kBytes, kDecimalLogicalName);
    b->parameters.emplace_back("scale", std::to_string(scale));
    if (precision)
      b->parameters.emplace_back("connect.decimal.precision", std::to_string(*precision));
  } else if (full == "google.type.Date") {
    b = make_logical(SchemaType::kInt32, kDateLogicalName);
  } else if (full == "google.type.TimeOfDay") {
    b = make_logical(SchemaType::kInt32, kTimeLogicalName);
  } else if (full == "google.protobuf.Timestamp") {
    b = make_logical(SchemaType::kInt64, kTimestampLogicalName);
  } else if (config_.wrapper_for_nullables && protobuf_wrapper_type(m)) {
    b = make(*protobuf_wrapper_type(m));
  } else if (protobuf_is_map_field(f)) {
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr key, field_schema(ctx, *m.field(0)));
    SLUICE_ASSIGN_OR_RETURN(SchemaPtr value, field_schema(ctx, *m.field(1)));
    b = make(SchemaType::kMap);
    b->key_schema = std::move(key);
    b->value_schema = std::move(value);
    b->name = protobuf_map_field_name(config_.enhanced_schema_support ? full : m.name());
  } else if (config_.wrapper_for_raw_primitives && protobuf_wrapper_type(m)) {
    // Java converts every message type through the same code as the top-level one, so
    // wrapper.for.raw.primitives unwraps nested wrappers too.
    b = make(*protobuf_wrapper_type(m));
  } else if (auto in_progress = std::find_if(ctx.in_progress.begin(), ctx.in_progress.end(),
                                             [&](const auto& p) { return p.first == &m; });
             in_progress != ctx.in_progress.end()) {
    // A recursive use: ProtobufData wraps the builder being filled (SchemaWrapper), which keeps
    // its own parameters (the Tag set below) over the builder's.
    b = make_reference(*in_progress->second, true);
    ctx.references.push_back(b);
    if (in_progress == ctx.in_progress.begin()) ctx.root_recursive = true;
  } else if (auto it = ctx.converted.find(&m); it != ctx.converted.end()) {
    // A later use of a converted type: the same struct, with the parameters the first use gave
    // it (a non-repeated use then sets its own tag over them).
    b = std::make_shared<Schema>(*it->second.first);
    b->parameters = it->second.builder_parameters;
  } else {
    SLUICE_ASSIGN_OR_RETURN(b, message_schema(ctx, m));
    ctx.converted[&m] = Context::Converted{b, {}};
    *first_use = &m;
  }
  b->optional = true;
  return b;
}

Result<SchemaPtr> ProtobufToConnectSchema::field_schema(Context& ctx,
                                                        const FieldDescriptor& f) const {
  std::shared_ptr<Schema> b;
  const pb::Descriptor* first_use = nullptr;
  switch (f.type()) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32: {
      const auto params = protobuf_field_meta_params(f);
      const std::string* connect_type = find_param(params, "connect.type");
      if (connect_type != nullptr && (*connect_type == "int8" || *connect_type == "int16")) {
        b = make(*connect_type == "int8" ? SchemaType::kInt8 : SchemaType::kInt16);
        break;
      }
      b = make(SchemaType::kInt32);
      if (f.type() != FieldDescriptor::TYPE_INT32) {
        b->parameters.emplace_back(std::string(kProtobufTypeParam), type_name(f.type()));
      }
      break;
    }
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
      b = make(SchemaType::kInt64);
      if (f.type() != FieldDescriptor::TYPE_INT64) {
        b->parameters.emplace_back(std::string(kProtobufTypeParam), type_name(f.type()));
      }
      break;
    case FieldDescriptor::TYPE_FLOAT:
      b = make(SchemaType::kFloat32);
      break;
    case FieldDescriptor::TYPE_DOUBLE:
      b = make(SchemaType::kFloat64);
      break;
    case FieldDescriptor::TYPE_BOOL:
      b = make(SchemaType::kBoolean);
      break;
    case FieldDescriptor::TYPE_STRING:
      b = make(SchemaType::kString);
      break;
    case FieldDescriptor::TYPE_BYTES:
      b = make(SchemaType::kBytes);
      break;
    case FieldDescriptor::TYPE_ENUM:
      b = enum_base(*f.enum_type());
      break;
    case FieldDescriptor::TYPE_MESSAGE: {
      SLUICE_ASSIGN_OR_RETURN(b, message_field_base(ctx, f, &first_use));
      break;
    }
    case FieldDescriptor::TYPE_GROUP:
      return Status::data_error("Unknown Connect schema type: GROUP (field " + f.full_name() +
                                "; proto2 groups are not supported)");
  }
  if (f.is_repeated() && b->type != SchemaType::kMap) {
    b->optional = true;
    auto array = make(SchemaType::kArray);
    array->value_schema = std::move(b);
    array->optional = true;
    b = std::move(array);
    first_use = nullptr;  // the element keeps the parameters it has
  }
  if (config_.optional_for_nullables) {
    if (f.has_optional_keyword()) b->optional = true;
  } else if (!config_.wrapper_for_nullables) {
    b->optional = true;
  }
  set_parameter(*b, kProtobufTagParam, std::to_string(f.number()));
  if (first_use != nullptr) ctx.converted[first_use].builder_parameters = b->parameters;
  return SchemaPtr(std::move(b));
}

}  // namespace sluice::connect
