#include "rest/shown_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::rest {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(ShownConfigTest, HidesPasswordKeysAndClientSecretsKeepsTheRestInOrder) {
  config::RawConfig written{
      {"name", "orders-to-s3"},
      {"aws.access.key.id", "AKIAEXAMPLE"},
      // PASSWORD in the S3 sink's table.
      {"aws.secret.access.key", "wJalrXUtnFEMI"},
      // Outside the table: a client override that carries credentials.
      {"consumer.override.sasl.jaas.config", "PlainLoginModule required password=\"p\";"},
      {"value.converter.basic.auth.user.info", "user:pw"},
      {"flush.size", "3"},
  };
  EXPECT_THAT(shown_config(written),
              ElementsAre(Pair("name", "orders-to-s3"), Pair("aws.access.key.id", "AKIAEXAMPLE"),
                          Pair("aws.secret.access.key", "[hidden]"),
                          Pair("consumer.override.sasl.jaas.config", "[hidden]"),
                          Pair("value.converter.basic.auth.user.info", "[hidden]"),
                          Pair("flush.size", "3")));
}

TEST(ShownConfigTest, ProviderPlaceholdersStayAsWritten) {
  // Connect's herder keeps the unresolved configuration, so /config shows the placeholder.
  config::RawConfig written{{"s3.bucket.name", "${file:/etc/sluice/s3.properties:bucket}"},
                            {"aws.secret.access.key", "${file:/etc/sluice/s3.properties:key}"}};
  EXPECT_THAT(shown_config(written),
              ElementsAre(Pair("s3.bucket.name", "${file:/etc/sluice/s3.properties:bucket}"),
                          Pair("aws.secret.access.key", "[hidden]")));
}

}  // namespace
}  // namespace sluice::rest
