// The Schema Registry client settings of a Confluent converter (AvroConverter,
// JsonSchemaConverter, ProtobufConverter), read from its sub-config as Confluent's
// AbstractKafkaSchemaSerDeConfig defines them:
//
//   schema.registry.url                 required; a comma-separated list of http(s) URLs
//   basic.auth.credentials.source       URL (user info inside the URL, the default) or USER_INFO
//   basic.auth.user.info                user:password (also schema.registry.basic.auth.user.info)
//   basic.auth.credentials.source=SASL_INHERIT   username/password of this sub-config's
//                                       sasl.jaas.config
//   bearer.auth.*                       STATIC_TOKEN, OAUTHBEARER, SASL_OAUTHBEARER_INHERIT
//                                       (connect/registry_bearer_options.h); replaces Basic
//   schema.registry.ssl.*               PEM trust store; PEM or PKCS12 key store; key password
//   max.schemas.per.subject             cache size (1000)
//   http.connect.timeout.ms / http.read.timeout.ms      60000 each
//   max.retries / retries.wait.ms / retries.max.wait.ms  3 / 1000 / 20000
//   proxy.host / proxy.port             an HTTP proxy
//   request.header.<name>               extra request headers
//
// bearer.auth.credentials.source=CUSTOM and JKS stores are refused with a message rather than
// ignored. Problems are collected in the ConverterOptions; secrets never appear in them.
#pragma once

#include "connect/converter_options.h"
#include "schema_registry/registry_client_config.h"

namespace sluice::connect {

schema_registry::RegistryClientConfig read_schema_registry_options(ConverterOptions& options);

}  // namespace sluice::connect
