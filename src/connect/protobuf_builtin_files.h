// The .proto files a Confluent Schema Registry resolves without a reference: a schema may import
// them with no `references` entry (Confluent, "Schema references" for Protobuf:
// https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/serdes-protobuf.html).
//
//   google/protobuf/{any,api,descriptor,duration,empty,field_mask,source_context,struct,
//                    timestamp,type,wrappers}.proto      compiled into libprotobuf: copied from
//                                                        its generated descriptor pool
//   google/type/{calendar_period,color,date,datetime,dayofweek,decimal,expr,fraction,interval,
//                latlng,money,month,phone_number,postal_address,quaternion,timeofday}.proto
//   confluent/meta.proto, confluent/type/decimal.proto   not in libprotobuf: sluice's own
//                                                        definitions of those messages (same
//                                                        packages, names, field numbers and
//                                                        types; no comments or language options)
//
// Stateless; the texts are static data.
#pragma once

#include <optional>
#include <string_view>

#include "google/protobuf/descriptor.pb.h"

namespace sluice::connect {

// The source text of an embedded built-in file, or nullopt when `path` is not one.
std::optional<std::string_view> embedded_proto_text(std::string_view path);

// Copies libprotobuf's compiled-in google/protobuf/*.proto file `path` into `out`; false when it
// is not one of the files listed above.
bool generated_proto_file(std::string_view path, google::protobuf::FileDescriptorProto* out);

}  // namespace sluice::connect
