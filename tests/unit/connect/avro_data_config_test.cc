// AvroDataConfig: Confluent's AvroDataConfig keys, defaults and ConfigException wording.
#include "connect/avro_data_config.h"

#include <gtest/gtest.h>

namespace sluice::connect {
namespace {

TEST(AvroDataConfigTest, Defaults) {
  std::vector<std::string> problems;
  AvroDataConfig c = AvroDataConfig::parse({}, "value.converter.", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(c.schemas_cache_size, 1000);
  EXPECT_FALSE(c.enhanced_avro_schema_support);
  EXPECT_TRUE(c.connect_meta_data);
  EXPECT_FALSE(c.scrub_invalid_names);
  EXPECT_FALSE(c.generalized_sum_type_support);
  EXPECT_FALSE(c.ignore_default_for_nullables);
  EXPECT_FALSE(c.allow_optional_map_keys);
  EXPECT_TRUE(c.flatten_singleton_union);
  EXPECT_FALSE(c.discard_type_doc_default);
}

TEST(AvroDataConfigTest, EveryKey) {
  std::vector<std::string> problems;
  AvroDataConfig c = AvroDataConfig::parse({{"schemas.cache.config", " 5 "},
                                            {"enhanced.avro.schema.support", "TRUE"},
                                            {"connect.meta.data", "false"},
                                            {"scrub.invalid.names", "true"},
                                            {"generalized.sum.type.support", "true"},
                                            {"ignore.default.for.nullables", "true"},
                                            {"allow.optional.map.keys", "true"},
                                            {"flatten.singleton.union", "false"},
                                            {"discard.type.doc.default", "true"},
                                            {"flatten.singleton.unions", "not a key here"}},
                                           "value.converter.", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(c.schemas_cache_size, 5);
  EXPECT_TRUE(c.enhanced_avro_schema_support);
  EXPECT_FALSE(c.connect_meta_data);
  EXPECT_TRUE(c.scrub_invalid_names);
  EXPECT_TRUE(c.generalized_sum_type_support);
  EXPECT_TRUE(c.ignore_default_for_nullables);
  EXPECT_TRUE(c.allow_optional_map_keys);
  EXPECT_FALSE(c.flatten_singleton_union);
  EXPECT_TRUE(c.discard_type_doc_default);
}

TEST(AvroDataConfigTest, BadValuesAreReportedTogether) {
  std::vector<std::string> problems;
  AvroDataConfig c =
      AvroDataConfig::parse({{"schemas.cache.config", "many"}, {"connect.meta.data", "yes"}},
                            "value.converter.", problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "Invalid value many for configuration value.converter.schemas.cache.config: Not a "
            "number of type INT");
  EXPECT_EQ(problems[1],
            "Invalid value yes for configuration value.converter.connect.meta.data: Expected value "
            "to be either true or false");
  EXPECT_EQ(c.schemas_cache_size, 1000);
  EXPECT_TRUE(c.connect_meta_data);
}

TEST(AvroDataConfigTest, CacheSizeIsAtLeastOne) {
  AvroDataConfig c;
  c.schemas_cache_size = -3;
  EXPECT_EQ(c.effective_cache_size(), 1);
}

}  // namespace
}  // namespace sluice::connect
