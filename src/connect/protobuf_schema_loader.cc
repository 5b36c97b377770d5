#include "connect/protobuf_schema_loader.h"

#include <algorithm>
#include <vector>

#include "connect/protobuf_builtin_files.h"
#include "google/protobuf/compiler/parser.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace sluice::connect {
namespace {

namespace pb = google::protobuf;
using schema_registry::RegisteredSchema;
using schema_registry::SchemaReference;

constexpr int kMaxImportDepth = 32;

// Keeps the first error of the .proto parser.
class ParseErrors final : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (!first_.empty()) return;
    first_ = "line " + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message;
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Keeps the first error of DescriptorPool::BuildFile.
class BuildErrors final : public pb::DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name,
                const pb::Message* /*descriptor*/, ErrorLocation /*location*/,
                const std::string& message) override {
    if (!first_.empty()) return;
    first_ = filename + (element_name.empty() ? "" : " (" + element_name + ")") + ": " + message;
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Builds files into one pool, each after the files it imports.
class PoolBuilder {
 public:
  PoolBuilder(pb::DescriptorPool& pool, const ProtobufReferenceFetcher& fetch)
      : pool_(pool), fetch_(fetch) {}

  // Builds `proto`, whose imports `references` resolves, after everything it imports.
  Result<const pb::FileDescriptor*> build(const pb::FileDescriptorProto& proto,
                                          const std::vector<SchemaReference>& references,
                                          int depth) {
    if (depth > kMaxImportDepth) {
      return Status::data_error("imports nest deeper than " + std::to_string(kMaxImportDepth));
    }
    in_progress_.push_back(proto.name());
    for (const std::string& path : proto.dependency()) {
      Status imported = import(path, references, depth);
      if (!imported.ok()) {
        in_progress_.pop_back();
        return imported;
      }
    }
    in_progress_.pop_back();
    BuildErrors errors;
    const pb::FileDescriptor* file = pool_.BuildFileCollectingErrors(proto, &errors);
    if (file == nullptr) return Status::data_error(errors.first());
    return file;
  }

 private:
  Status import(const std::string& path, const std::vector<SchemaReference>& references,
                int depth) {
    if (pool_.FindFileByName(path) != nullptr) return Status::ok_status();
    if (std::find(in_progress_.begin(), in_progress_.end(), path) != in_progress_.end()) {
      return Status::data_error("the imports of " + path + " form a cycle");
    }
    auto ref = std::find_if(references.begin(), references.end(),
                            [&](const SchemaReference& r) { return r.name == path; });
    if (ref != references.end()) return import_reference(*ref, depth);
    pb::FileDescriptorProto proto;
    if (generated_proto_file(path, &proto)) return build(proto, {}, depth + 1).status();
    if (std::optional<std::string_view> text = embedded_proto_text(path)) {
      SLUICE_ASSIGN_OR_RETURN(proto, parse_proto_text(*text, path));
      return build(proto, {}, depth + 1).status();
    }
    return Status::data_error("the schema imports " + path +
                              ", which is neither among its references nor a file the Schema "
                              "Registry knows without one");
  }

  Status import_reference(const SchemaReference& ref, int depth) {
    const std::string where = "referenced schema " + ref.name + " (subject " + ref.subject +
                              " version " + std::to_string(ref.version) + ")";
    Result<RegisteredSchema> referenced = fetch_(ref);
    if (!referenced.ok()) return referenced.status().with_context(where);
    if (referenced->kind != schema_registry::SchemaKind::kProtobuf) {
      return Status::data_error(where + " is a " +
                                std::string(schema_registry::schema_kind_name(referenced->kind)) +
                                " schema, not Protobuf");
    }
    Result<pb::FileDescriptorProto> proto = parse_proto_text(referenced->text, ref.name);
    if (!proto.ok()) return proto.status().with_context(where);
    Result<const pb::FileDescriptor*> built = build(*proto, referenced->references, depth + 1);
    return built.ok() ? Status::ok_status() : built.status().with_context(where);
  }

  pb::DescriptorPool& pool_;
  const ProtobufReferenceFetcher& fetch_;
  std::vector<std::string> in_progress_;  // import paths being built (cycle check)
};

// The nested types Confluent counts in a message-index path: declared messages, not the entry
// types of map fields or the types of proto2 groups.
bool counts_as_declared_message(const pb::Descriptor& nested) {
  if (nested.options().map_entry()) return false;
  const pb::Descriptor* parent = nested.containing_type();
  for (int i = 0; parent != nullptr && i < parent->field_count(); ++i) {
    const pb::FieldDescriptor* f = parent->field(i);
    if (f->type() == pb::FieldDescriptor::TYPE_GROUP && f->message_type() == &nested) return false;
  }
  return true;
}

std::string render_indexes(std::span<const int32_t> indexes) {
  std::string out = "[";
  for (size_t i = 0; i < indexes.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(std::to_string(indexes[i]));
  }
  return out + "]";
}

}  // namespace

Result<const pb::Descriptor*> ProtobufSchemaFile::message_at(
    std::span<const int32_t> indexes) const {
  const pb::Descriptor* current = nullptr;
  for (int32_t index : indexes) {
    const int count =
        current == nullptr ? file_->message_type_count() : current->nested_type_count();
    const pb::Descriptor* found = nullptr;
    for (int i = 0, seen = 0; i < count && found == nullptr; ++i) {
      const pb::Descriptor* candidate =
          current == nullptr ? file_->message_type(i) : current->nested_type(i);
      if (!counts_as_declared_message(*candidate)) continue;
      if (seen++ == index) found = candidate;
    }
    if (found == nullptr) {
      return Status::data_error("Invalid message indexes: " + render_indexes(indexes));
    }
    current = found;
  }
  return current;
}

Result<pb::FileDescriptorProto> parse_proto_text(std::string_view text,
                                                 std::string_view file_name) {
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  ParseErrors errors;
  pb::io::Tokenizer tokenizer(&input, &errors);
  pb::compiler::Parser parser;
  parser.RecordErrorsTo(&errors);
  pb::FileDescriptorProto proto;
  if (!parser.Parse(&tokenizer, &proto) || !errors.first().empty()) {
    return Status::data_error("cannot parse " + std::string(file_name) + ": " +
                              (errors.first().empty() ? "invalid .proto text" : errors.first()));
  }
  proto.set_name(std::string(file_name));
  return proto;
}

Result<std::shared_ptr<const ProtobufSchemaFile>> load_protobuf_schema(
    const RegisteredSchema& schema, const ProtobufReferenceFetcher& fetch) {
  const std::string name = "sluice-registry-schema-" + std::to_string(schema.id.value) + ".proto";
  Result<pb::FileDescriptorProto> proto = parse_proto_text(schema.text, name);
  if (!proto.ok())
    return proto.status().with_context("schema id " + std::to_string(schema.id.value));
  auto pool = std::make_unique<pb::DescriptorPool>();
  PoolBuilder builder(*pool, fetch);
  Result<const pb::FileDescriptor*> file = builder.build(*proto, schema.references, 0);
  if (!file.ok()) return file.status().with_context("schema id " + std::to_string(schema.id.value));
  return std::make_shared<const ProtobufSchemaFile>(std::move(pool), *file);
}

}  // namespace sluice::connect
