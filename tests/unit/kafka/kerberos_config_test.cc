// GSSAPI (Kerberos): the Java client's Krb5LoginModule login and sasl.kerberos.* keys in
// librdkafka's terms, and what the Java client refuses at start.
#include "kafka/kerberos_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "kafka/client_config_test_support.h"

namespace sluice::kafka {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace ::sluice::kafka::test_support;  // NOLINT(build/namespaces): the shared test
                                                // fixtures

// --- GSSAPI (Kerberos) ---------------------------------------------------------------------------

// A Krb5LoginModule entry as users copy it from the Kafka documentation, with `options` inside.
std::string krb5_jaas(const std::string& options) {
  return "com.sun.security.auth.module.Krb5LoginModule required " + options + ";";
}

// The worker's consumer keys of a keytab login over SASL_PLAINTEXT, plus `extra`.
std::map<std::string, std::string> keytab_login(const std::string& keytab,
                                                std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> keys = {
      {"security.protocol", "SASL_PLAINTEXT"},
      {"sasl.mechanism", "GSSAPI"},
      {"sasl.kerberos.service.name", "kafka"},
      {"sasl.jaas.config", krb5_jaas("useKeyTab=true storeKey=true keyTab=\"" + keytab +
                                     "\" principal=\"sluice@EXAMPLE.COM\"")}};
  for (auto& [key, value] : extra) keys[key] = value;
  return keys;
}

// What `sh -c command` prints, as librdkafka's system() would run it.
std::string shell_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buf[256];
  while (fgets(buf, sizeof(buf), pipe) != nullptr) out += buf;
  pclose(pipe);
  return out;
}

TEST(ClientConfigTest, GssapiIsTheDefaultMechanismOfSaslProtocols) {
  TempDir dir;
  std::map<std::string, std::string> keys = keytab_login(dir.file("client.keytab", "kt"));
  keys.erase("sasl.mechanism");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "GSSAPI");
  EXPECT_EQ(r->properties.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  // Not for a protocol without SASL, where the Java client ignores the sasl.* keys.
  auto plain = translate_consumer_config(input_with({{"security.protocol", "SSL"}}));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->properties.count("sasl.mechanism"), 0u);
}

TEST(ClientConfigTest, GssapiWithoutServiceNameIsRefusedNamingTheKey) {
  TempDir dir;
  std::map<std::string, std::string> keys = keytab_login(dir.file("client.keytab", "kt"));
  keys.erase("sasl.kerberos.service.name");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("set sasl.kerberos.service.name"));
  EXPECT_THAT(r.status().message(),
              HasSubstr("No serviceName defined in either JAAS or Kafka config"));
  // An empty name is no name.
  keys["sasl.kerberos.service.name"] = "";
  EXPECT_FALSE(translate_consumer_config(input_with(keys)).ok());
}

TEST(ClientConfigTest, GssapiServiceNameFromTheJaasOption) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  std::map<std::string, std::string> keys = keytab_login(keytab);
  keys.erase("sasl.kerberos.service.name");
  keys["sasl.jaas.config"] = krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                       "\" principal=\"sluice@EXAMPLE.COM\" serviceName=\"kfk\"");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.service.name"), "kfk");
  EXPECT_EQ(all_messages(r), "");  // serviceName is understood: no note
  // The same name in both places is fine, as in the Java client.
  keys["sasl.kerberos.service.name"] = "kfk";
  EXPECT_TRUE(translate_consumer_config(input_with(keys)).ok());
}

TEST(ClientConfigTest, GssapiConflictingServiceNamesAreRefused) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(
      keytab, {{"sasl.jaas.config", krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                              "\" principal=\"a@B\" serviceName=\"other\"")}})));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "Conflicting Kerberos service names: sasl.kerberos.service.name=kafka but the "
            "serviceName option of sasl.jaas.config is other; the Java client refuses this (set "
            "one of them, or the same name in both)");
}

TEST(ClientConfigTest, KerberosKeytabLoginBecomesPrincipalKeytabAndKinitCommand) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(keytab)));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& p = r->properties;
  EXPECT_EQ(p.at("security.protocol"), "sasl_plaintext");
  EXPECT_EQ(p.at("sasl.mechanism"), "GSSAPI");
  EXPECT_EQ(p.at("sasl.kerberos.service.name"), "kafka");
  EXPECT_EQ(p.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  EXPECT_EQ(p.at("sasl.kerberos.keytab"), keytab);
  EXPECT_EQ(p.at("sasl.kerberos.kinit.cmd"), "'kinit' -R -t '" + keytab +
                                                 "' -k 'sluice@EXAMPLE.COM' || 'kinit' -t '" +
                                                 keytab + "' -k 'sluice@EXAMPLE.COM'");
  // librdkafka's default (60 s between kinit runs), which is the Java client's default too.
  EXPECT_EQ(p.count("sasl.kerberos.min.time.before.relogin"), 0u);
  EXPECT_EQ(all_messages(r), "");  // useKeyTab, storeKey, keyTab, principal: nothing dropped
}

TEST(ClientConfigTest, KerberosKeytabLoginWithoutKeyTabUsesTheDefaultKeytab) {
  auto r = translate_consumer_config(input_with(keytab_login(
      "", {{"sasl.jaas.config", krb5_jaas("useKeyTab=true principal=\"sluice@EXAMPLE.COM\"")}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("sasl.kerberos.keytab"), 0u);
  EXPECT_EQ(r->properties.at("sasl.kerberos.kinit.cmd"),
            "'kinit' -R -k 'sluice@EXAMPLE.COM' || 'kinit' -k 'sluice@EXAMPLE.COM'");
}

TEST(ClientConfigTest, KerberosKinitCmdIsJavasPathMadeIntoLibrdkafkasCommand) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(
      input_with(keytab_login(keytab, {{"sasl.kerberos.kinit.cmd", "/opt/krb5/bin/kinit"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.kinit.cmd"),
            "'/opt/krb5/bin/kinit' -R -t '" + keytab +
                "' -k 'sluice@EXAMPLE.COM' || '/opt/krb5/bin/kinit' -t '" + keytab +
                "' -k 'sluice@EXAMPLE.COM'");
}

TEST(ClientConfigTest, KerberosKinitCmdThatIsACommandLineIsRefused) {
  TempDir dir;
  for (const char* value : {"kinit -R -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal}",
                            "/usr/bin/kinit -k", ""}) {
    auto r = translate_consumer_config(input_with(
        keytab_login(dir.file("client.keytab", "kt"), {{"sasl.kerberos.kinit.cmd", value}})));
    ASSERT_FALSE(r.ok()) << value;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("for configuration sasl.kerberos.kinit.cmd: the "
                                                "Java client takes the path of the kinit program"));
  }
}

TEST(ClientConfigTest, KerberosKinitCommandQuotesPathsForTheShell) {
  TempDir dir;
  // A keytab path with a space, a quote and shell characters, run through the shell as librdkafka
  // runs the command, with echo standing in for kinit: each argument arrives intact. (echo, not
  // kinit: a real kinit would look for this machine's realm.)
  std::string keytab = dir.file("it's a $(key) `tab`", "kt");
  auto r = translate_consumer_config(
      input_with(keytab_login(keytab, {{"sasl.kerberos.kinit.cmd", "/bin/echo"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(shell_output(r->properties.at("sasl.kerberos.kinit.cmd")),
            "-R -t " + keytab + " -k sluice@EXAMPLE.COM\n");
  // rd_kafka_new renders the kinit command (its %{name} references) and runs it at once.
  EXPECT_EQ(librdkafka_consumer_error(r->properties), "");
}

TEST(ClientConfigTest, KerberosTicketCacheLoginDisablesKinit) {
  auto r = translate_consumer_config(
      input_with(keytab_login("", {{"sasl.jaas.config", krb5_jaas("useTicketCache=true")},
                                   {"sasl.kerberos.kinit.cmd", "/usr/bin/kinit"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& p = r->properties;
  EXPECT_EQ(p.at("sasl.kerberos.min.time.before.relogin"), "0");
  EXPECT_EQ(p.count("sasl.kerberos.kinit.cmd"), 0u);
  EXPECT_EQ(p.count("sasl.kerberos.keytab"), 0u);
  EXPECT_EQ(p.at("sasl.kerberos.service.name"), "kafka");
  EXPECT_THAT(all_messages(r), HasSubstr("uses the Kerberos ticket cache as it finds it and never "
                                         "runs kinit"));
  EXPECT_THAT(all_messages(r),
              HasSubstr("sasl.kerberos.kinit.cmd has no effect with useTicketCache=true"));
}

TEST(ClientConfigTest, KerberosLoginWithoutKeytabOrTicketCacheIsRefused) {
  for (const char* options : {"", "useKeyTab=false useTicketCache=false",
                              "keyTab=\"/etc/krb5.keytab\" principal=\"a@B\""}) {
    auto r = translate_consumer_config(
        input_with(keytab_login("", {{"sasl.jaas.config", krb5_jaas(options)}})));
    ASSERT_FALSE(r.ok()) << options;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(),
                HasSubstr("needs useKeyTab=true (with keyTab and principal) or "
                          "useTicketCache=true: without either it asks for a password"));
  }
}

TEST(ClientConfigTest, KerberosKeytabLoginNeedsAPrincipal) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      "", {{"sasl.jaas.config",
            krb5_jaas("useKeyTab=true keyTab=\"" + dir.file("client.keytab", "kt") + "\"")}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("with useKeyTab=true needs the option principal"));
}

TEST(ClientConfigTest, KerberosUnreadableKeytabIsRefusedBeforeConnecting) {
  TempDir dir;
  std::string missing = dir.file("x", "") + "-missing.keytab";
  auto r = translate_consumer_config(input_with(keytab_login(missing)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("the keyTab file " + missing + " cannot be read"));
}

TEST(ClientConfigTest, KerberosMinTimeBeforeReloginIsMilliseconds) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto with = [&](const std::string& value) {
    return translate_consumer_config(
        input_with(keytab_login(keytab, {{"sasl.kerberos.min.time.before.relogin", value}})));
  };
  auto two_minutes = with(" 120000 ");
  ASSERT_TRUE(two_minutes.ok()) << two_minutes.status().message();
  EXPECT_EQ(two_minutes->properties.at("sasl.kerberos.min.time.before.relogin"), "120000");
  // 0 would mean no kinit (no login at all) to librdkafka, not "no minimum" as to Java.
  auto zero = with("0");
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->properties.count("sasl.kerberos.min.time.before.relogin"), 0u);
  EXPECT_THAT(all_messages(zero), HasSubstr("keeps librdkafka's 60000 ms"));
  auto two_days = with("172800000");
  ASSERT_TRUE(two_days.ok());
  EXPECT_EQ(two_days->properties.at("sasl.kerberos.min.time.before.relogin"), "86400000");
  auto word = with("soon");
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.status().message(),
            "Invalid value soon for configuration sasl.kerberos.min.time.before.relogin: Not a "
            "number of type LONG");
}

TEST(ClientConfigTest, KerberosTicketRenewSettingsAreIgnoredWithANote) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      dir.file("client.keytab", "kt"), {{"sasl.kerberos.ticket.renew.window.factor", "0.8"},
                                        {"sasl.kerberos.ticket.renew.jitter", "0.05"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("sasl.kerberos.ticket.renew.window.factor"), 0u);
  EXPECT_EQ(r->properties.count("sasl.kerberos.ticket.renew.jitter"), 0u);
  EXPECT_THAT(all_messages(r),
              HasSubstr("sasl.kerberos.ticket.renew.window.factor has no effect in sluice"));
  EXPECT_THAT(all_messages(r), HasSubstr("sasl.kerberos.ticket.renew.jitter has no effect"));
}

TEST(ClientConfigTest, KerberosOptionsSluiceCannotHonourGetANote) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(
      keytab,
      {{"sasl.jaas.config", krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                      "\" principal=\"a@B\" debug=true ticketCache=\"/tmp/cc\" "
                                      "doNotPrompt=true")}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::string notes = all_messages(r);
  EXPECT_THAT(notes, HasSubstr("sasl.jaas.config option debug has no effect in sluice"));
  EXPECT_THAT(notes, HasSubstr("set KRB5CCNAME=/tmp/cc in sluice's environment instead"));
  EXPECT_THAT(notes, Not(HasSubstr("doNotPrompt")));
}

TEST(ClientConfigTest, GssapiWithoutJaasIsRefusedWithTheLoginToWrite) {
  std::map<std::string, std::string> keys = keytab_login("");
  keys.erase("sasl.jaas.config");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(),
              HasSubstr("set consumer.sasl.jaas.config=com.sun.security.auth.module."
                        "Krb5LoginModule required useKeyTab=true"));
  EXPECT_THAT(r.status().message(), HasSubstr("java.security.auth.login.config"));
}

TEST(ClientConfigTest, GssapiWithAnotherLoginModuleIsRefused) {
  auto r = translate_consumer_config(input_with(
      keytab_login("", {{"sasl.jaas.config",
                         "org.apache.kafka.common.security.plain.PlainLoginModule required "
                         "username=\"a\" password=\"Sup3r-Secret-Value\";"}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("sasl.mechanism=GSSAPI needs the login module "
                        "com.sun.security.auth.module.Krb5LoginModule, not "
                        "org.apache.kafka.common.security.plain.PlainLoginModule"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, UnknownLoginModuleIsRefusedForGssapi) {
  auto r = translate_consumer_config(
      input_with(keytab_login("", {{"sasl.jaas.config", "com.example.KerberosLogin required;"}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("login module com.example.KerberosLogin is not known to sluice"));
}

TEST(ClientConfigTest, LibrdkafkaKerberosKeysAreIgnoredWithANote) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      dir.file("client.keytab", "kt"), {{"sasl.kerberos.principal", "other@EXAMPLE.COM"},
                                        {"sasl.kerberos.keytab", "/etc/other.keytab"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  EXPECT_NE(r->properties.at("sasl.kerberos.keytab"), "/etc/other.keytab");
  EXPECT_THAT(all_messages(r), HasSubstr("sasl.kerberos.principal is a librdkafka setting that "
                                         "the Java client does not know; ignored"));
}

TEST(ClientConfigTest, KerberosKeysDoNothingForOtherMechanisms) {
  auto r = translate_consumer_config(input_with({{"security.protocol", "SASL_SSL"},
                                                 {"sasl.mechanism", "SCRAM-SHA-512"},
                                                 {"sasl.jaas.config", kScramJaas},
                                                 {"sasl.kerberos.service.name", "kafka"},
                                                 {"sasl.kerberos.kinit.cmd", "/usr/bin/kinit"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto& [key, value] : r->properties) {
    EXPECT_THAT(key, Not(HasSubstr("kerberos"))) << value;
  }
}

TEST(ClientConfigTest, MissingCyrusGssapiPluginIsNamedWithItsPackage) {
  Status missing = check_gssapi_plugin({"SCRAM-SHA-256", "PLAIN", "ANONYMOUS"});
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.message(), HasSubstr("install libsasl2-modules-gssapi-mit"));
  EXPECT_THAT(missing.message(), HasSubstr("No worthy mechs found"));
  EXPECT_TRUE(check_gssapi_plugin({"PLAIN", "GSSAPI"}).ok());
  // Only GSSAPI configurations are checked against this machine's plugins.
  EXPECT_TRUE(
      check_librdkafka_properties({{"security.protocol", "sasl_ssl"}, {"sasl.mechanism", "PLAIN"}})
          .ok());
}

}  // namespace
}  // namespace sluice::kafka
