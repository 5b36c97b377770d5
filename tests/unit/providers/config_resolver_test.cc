#include "providers/config_resolver.h"

#include <gtest/gtest.h>

#include "providers/provider_registry.h"

namespace sluice::providers {
namespace {

// A provider answering from a fixed table, counting its calls.
class TableProvider final : public ConfigProvider {
 public:
  std::map<std::string, std::map<std::string, std::string>> paths;
  std::optional<std::chrono::milliseconds> ttl;
  int calls = 0;

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override {
    ++calls;
    auto it = paths.find(path);
    if (it == paths.end()) return Status::invalid_argument("no such path " + path);
    ConfigData out;
    out.ttl = ttl;
    for (const std::string& k : keys) {
      if (auto v = it->second.find(k); v != it->second.end()) out.data.emplace(k, v->second);
    }
    return out;
  }
  std::string_view class_name() const override { return "test.TableProvider"; }
};

ConfigProviders with_table(TableProvider** table) {
  auto provider = std::make_unique<TableProvider>();
  provider->paths["/s"] = {{"user", "admin"}, {"pw", "hunter2"}, {"n", "1"}};
  *table = provider.get();
  ConfigProviders providers;
  providers.add("vault", std::move(provider));
  return providers;
}

TEST(ConfigResolverTest, ReplacesPlaceholdersInsideTextAndGroupsLookups) {
  TableProvider* table = nullptr;
  ConfigProviders providers = with_table(&table);
  config::RawConfig raw("c.properties");
  raw.set("a", "${vault:/s:user}", 3);
  raw.set("b", "jdbc://${vault:/s:user}:${vault:/s:pw}@host", 4);
  raw.set("c", "plain", 5);
  ConfigResolution r = resolve_placeholders(&raw, providers, ConfigScope::kConnector);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(*raw.get("a"), "admin");
  EXPECT_EQ(*raw.get("b"), "jdbc://admin:hunter2@host");
  EXPECT_EQ(*raw.get("c"), "plain");
  EXPECT_EQ(raw.location("b"), "c.properties:4");  // the line is kept
  EXPECT_EQ(table->calls, 1);                      // one lookup for path /s
  EXPECT_EQ(r.originals.at("a"), "${vault:/s:user}");
  EXPECT_EQ(r.originals.count("c"), 0u);
}

TEST(ConfigResolverTest, UnresolvableReferencesAreErrorsNamingKeyAndProvider) {
  TableProvider* table = nullptr;
  ConfigProviders providers = with_table(&table);
  config::RawConfig raw("c.properties");
  raw.set("unknown.provider", "${file:/x:y}", 1);
  raw.set("missing.key", "${vault:/s:nokey}", 2);
  raw.set("bad.path", "${vault:/nothere:pw}", 3);
  ConfigResolution r = resolve_placeholders(&raw, providers, ConfigScope::kConnector);
  ASSERT_EQ(r.problems.size(), 3u);
  for (const config::ConfigProblem& p : r.problems) {
    EXPECT_EQ(p.severity, config::Severity::kError);
    EXPECT_NE(p.message.find("'" + p.key + "'"), std::string::npos) << p.message;
    EXPECT_EQ(p.message.find("hunter2"), std::string::npos);
  }
  EXPECT_EQ(r.problems[0].key, "unknown.provider");
  EXPECT_NE(r.problems[0].message.find("config provider 'file'"), std::string::npos);
  EXPECT_NE(r.problems[0].message.find("declared: vault"), std::string::npos);
  EXPECT_NE(r.problems[1].message.find("has no key 'nokey' at path '/s'"), std::string::npos)
      << r.problems[1].message;
  EXPECT_NE(r.problems[2].message.find("no such path /nothere"), std::string::npos);
  EXPECT_EQ(*raw.get("missing.key"), "${vault:/s:nokey}");  // left as written
  EXPECT_EQ(r.problems[1].location, "c.properties:2");
}

TEST(ConfigResolverTest, WorkerScopeLeavesProviderSettingsAlone) {
  TableProvider* table = nullptr;
  ConfigProviders providers = with_table(&table);
  config::RawConfig raw;
  raw.set("config.providers.vault.param.x", "${vault:/s:user}");
  raw.set("plugin.path", "${vault:/s:user}");
  raw.set("consumer.sasl.jaas.config", "password=\"${vault:/s:pw}\";");
  ConfigResolution r = resolve_placeholders(&raw, providers, ConfigScope::kWorker);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(*raw.get("config.providers.vault.param.x"), "${vault:/s:user}");
  EXPECT_EQ(*raw.get("plugin.path"), "${vault:/s:user}");
  EXPECT_EQ(*raw.get("consumer.sasl.jaas.config"), "password=\"hunter2\";");
}

TEST(ConfigResolverTest, EarliestTtlIsKept) {
  TableProvider* table = nullptr;
  ConfigProviders providers = with_table(&table);
  table->ttl = std::chrono::milliseconds(5000);
  config::RawConfig raw;
  raw.set("a", "${vault:/s:user}");
  ConfigResolution r = resolve_placeholders(&raw, providers, ConfigScope::kConnector);
  ASSERT_TRUE(r.ttl.has_value());
  EXPECT_EQ(r.ttl->count(), 5000);
  EXPECT_EQ(r.ttl_source, "vault:/s");
}

TEST(ConfigResolverTest, MaskShowsPlaceholdersInsteadOfResolvedValues) {
  TableProvider* table = nullptr;
  ConfigProviders providers = with_table(&table);
  config::RawConfig raw;
  raw.set("flush.size", "${vault:/s:n}");
  raw.set("s3.bucket.name", "${vault:/s:pw}");
  ConfigResolution r = resolve_placeholders(&raw, providers, ConfigScope::kConnector);
  config::ConfigProblem p{"s3.bucket.name", "hunter2",
                          "Invalid value hunter2 for configuration s3.bucket.name: bad"};
  mask_resolved_values(&p, r);
  EXPECT_EQ(p.value, "${vault:/s:pw}");
  EXPECT_EQ(p.message, "Invalid value ${vault:/s:pw} for configuration s3.bucket.name: bad");
  // A short value is replaced only as a whole word: "at least 10" keeps its digits.
  config::ConfigProblem q{"flush.size", "1", "Invalid value 1 for flush.size: at least 10"};
  mask_resolved_values(&q, r);
  EXPECT_EQ(q.message, "Invalid value ${vault:/s:n} for flush.size: at least 10");
  config::ConfigProblem hidden{"s3.bucket.name", "[hidden]", "x"};
  mask_resolved_values(&hidden, r);
  EXPECT_EQ(hidden.value, "[hidden]");
}

TEST(ConfigProvidersTest, BuildsDeclaredProvidersFromWorkerConfig) {
  config::RawConfig worker("worker.properties");
  worker.set("config.providers", "file, env ,dir", 1);
  worker.set("config.providers.file.class",
             "org.apache.kafka.common.config.provider.FileConfigProvider", 2);
  worker.set("config.providers.env.class",
             "org.apache.kafka.common.config.provider.EnvVarConfigProvider", 3);
  worker.set("config.providers.env.param.allowlist.pattern", "S3_.*", 4);
  worker.set("config.providers.dir.class",
             "org.apache.kafka.common.config.provider.DirectoryConfigProvider", 5);
  std::vector<config::ConfigProblem> problems;
  ConfigProviders providers = ConfigProviders::from_worker_config(worker, &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_NE(providers.find("file"), nullptr);
  EXPECT_NE(providers.find("env"), nullptr);
  EXPECT_NE(providers.find("dir"), nullptr);
  EXPECT_EQ(providers.find("file")->class_name(),
            "org.apache.kafka.common.config.provider.FileConfigProvider");
}

TEST(ConfigProvidersTest, ProblemsNameTheKey) {
  config::RawConfig worker("worker.properties");
  worker.set("config.providers", "a,b,c", 1);
  worker.set("config.providers.b.class", "com.example.VaultConfigProvider", 2);
  worker.set("config.providers.c.class",
             "org.apache.kafka.common.config.provider.FileConfigProvider", 3);
  worker.set("config.providers.c.param.allowed.paths", "relative", 4);
  std::vector<config::ConfigProblem> problems;
  ConfigProviders providers = ConfigProviders::from_worker_config(worker, &problems);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].key, "config.providers.a.class");
  EXPECT_EQ(problems[1].key, "config.providers.b.class");
  EXPECT_NE(problems[1].message.find("SecretsManagerConfigProvider"), std::string::npos);
  EXPECT_NE(problems[2].message.find("Path relative is not absolute"), std::string::npos)
      << problems[2].message;
  EXPECT_EQ(providers.declared().size(), 3u);
  EXPECT_EQ(providers.find("c"), nullptr);
}

}  // namespace
}  // namespace sluice::providers
