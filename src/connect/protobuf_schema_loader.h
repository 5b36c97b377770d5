// ProtobufSchemaLoader: a Protobuf schema as the Schema Registry returns it (.proto text,
// schemaType PROTOBUF, with `references`) -> protobuf descriptors, and the message a Confluent
// message-index path selects.
//
// The text is parsed with libprotoc's .proto parser into a FileDescriptorProto and built in a
// DescriptorPool of its own, together with every file it imports: a `references` entry names the
// import path and the subject/version holding it (fetched through the caller's ReferenceFetcher,
// recursively, each with its own references); imports without a reference must be files the
// registry knows built in (protobuf_builtin_files.h). One pool per registered schema, because two
// schemas may import different versions of a file under the same path.
//
// Message indexes (Confluent wire format,
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format):
// the first index counts the file's top-level messages, each further one the nested messages of
// the one before; map entry types and proto2 group types are not declarations of their own and
// are not counted, as Confluent's ProtobufSchema.toMessageName counts them.
//
// Errors are kDataError naming the schema id and the file (a parse error with its line and
// column). Not thread-safe while loading; a loaded ProtobufSchemaFile is immutable and may be
// read from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "schema_registry/registry_types.h"
#include "util/status.h"

namespace sluice::connect {

// A registered Protobuf schema with everything it imports, built in its own pool.
class ProtobufSchemaFile {
 public:
  ProtobufSchemaFile(std::unique_ptr<google::protobuf::DescriptorPool> pool,
                     const google::protobuf::FileDescriptor* file)
      : pool_(std::move(pool)), file_(file) {}

  // The schema's own file (descriptors stay valid while this object lives).
  const google::protobuf::FileDescriptor* file() const { return file_; }
  // The message `indexes` selects; kDataError "Invalid message indexes: [..]" when it selects
  // nothing. REQUIRES: !indexes.empty().
  Result<const google::protobuf::Descriptor*> message_at(std::span<const int32_t> indexes) const;

 private:
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  const google::protobuf::FileDescriptor* file_;
};

// Returns the registered schema a reference names (its text, kind and own references).
using ProtobufReferenceFetcher = std::function<Result<schema_registry::RegisteredSchema>(
    const schema_registry::SchemaReference&)>;

// Parses, resolves and builds `schema`. REQUIRES: schema.kind == SchemaKind::kProtobuf.
Result<std::shared_ptr<const ProtobufSchemaFile>> load_protobuf_schema(
    const schema_registry::RegisteredSchema& schema, const ProtobufReferenceFetcher& fetch);

// Parses .proto text into a FileDescriptorProto named `file_name` (no imports resolved);
// kDataError with the first parse error's line and column.
Result<google::protobuf::FileDescriptorProto> parse_proto_text(std::string_view text,
                                                               std::string_view file_name);

}  // namespace sluice::connect
