#include "kafka/kerberos_config.h"

#include <sasl/sasl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

#include "config/jaas_config.h"
#include "kafka/java_keys.h"

namespace sluice::kafka {

namespace {

constexpr const char* kKrb5LoginModule = "com.sun.security.auth.module.Krb5LoginModule";

// A word for `sh -c`: librdkafka runs sasl.kerberos.kinit.cmd with system(). Single quotes keep
// spaces and $, ` or \ in a path literal; a ' itself is written '\''.
std::string shell_quote(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The JDK's Krb5LoginModule takes a boolean option as true only when it reads "true", in any case.
bool jaas_flag(const config::JaasLoginModule& module, std::string_view name) {
  auto value = module.option(name);
  return value && to_lower(*value) == "true";
}

// The brokers' Kerberos service name, the first part of their principal (kafka/<host>@REALM). The
// Java client takes it from sasl.kerberos.service.name or the JAAS option serviceName, refuses two
// different ones, and refuses to start with neither (KerberosLogin.getServiceName: "No serviceName
// defined in either JAAS or Kafka config"), where librdkafka would quietly use "kafka".
Result<std::string> service_name(const std::map<std::string, std::string>& java,
                                 const config::JaasLoginModule& module) {
  auto key_service = get(java, "sasl.kerberos.service.name");
  auto jaas_service = module.option("serviceName");
  if (key_service && jaas_service && *key_service != *jaas_service) {
    return Status::invalid_argument(
        "Conflicting Kerberos service names: sasl.kerberos.service.name=" + *key_service +
        " but the serviceName option of sasl.jaas.config is " + *jaas_service +
        "; the Java client refuses this (set one of them, or the same name in both)");
  }
  std::string service = jaas_service ? *jaas_service : key_service.value_or("");
  if (service.empty()) {
    return Status::invalid_argument(
        "sasl.mechanism=GSSAPI needs the Kerberos service name of the brokers (the first part of "
        "their principal, usually kafka): set sasl.kerberos.service.name, or the option "
        "serviceName of sasl.jaas.config; the Java client does not start without it (\"No "
        "serviceName defined in either JAAS or Kafka config\")");
  }
  return service;
}

// Notes for Krb5LoginModule options that change nothing here or that sluice cannot honour.
void note_login_options(const config::JaasLoginModule& module, ClientConfig& config) {
  for (const auto& [name, value] : module.options) {
    // storeKey keeps the key in the JVM's Subject (for acceptors), doNotPrompt forbids asking for
    // a password: neither changes what a client without prompts does.
    if (name == "useKeyTab" || name == "keyTab" || name == "principal" ||
        name == "useTicketCache" || name == "serviceName" || name == "storeKey" ||
        name == "doNotPrompt" || (name == "isInitiator" && to_lower(value) == "true")) {
      continue;
    }
    if (name == "ticketCache") {
      config.notes.push_back(
          "sasl.jaas.config option ticketCache has no effect in sluice: Kerberos finds the ticket "
          "cache through KRB5CCNAME, so set KRB5CCNAME=" +
          value + " in sluice's environment instead");
      continue;
    }
    config.notes.push_back("sasl.jaas.config option " + name + " has no effect in sluice");
  }
}

// sasl.kerberos.min.time.before.relogin, which librdkafka reads as the interval of its kinit runs.
Status translate_relogin_interval(const std::map<std::string, std::string>& java,
                                  ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  if (auto relogin = get(java, "sasl.kerberos.min.time.before.relogin")) {
    // Java's ConfigDef trims a LONG before parsing it.
    std::string_view text = *relogin;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    }
    long long ms = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      return Status::invalid_argument(invalid_value("sasl.kerberos.min.time.before.relogin",
                                                    *relogin, "Not a number of type LONG"));
    }
    // Java refreshes when the ticket nears its end and waits at least this long in between;
    // librdkafka runs kinit every this many ms, where 0 means never (no login at all) and its
    // most is a day.
    constexpr long long kDay = 86400000;
    if (ms <= 0) {
      config.notes.push_back("sasl.kerberos.min.time.before.relogin=" + *relogin +
                             ": sluice keeps librdkafka's 60000 ms between kinit runs (0 "
                             "would stop librdkafka from running kinit at all)");
    } else if (ms > kDay) {
      p["sasl.kerberos.min.time.before.relogin"] = std::to_string(kDay);
      config.notes.push_back("sasl.kerberos.min.time.before.relogin=" + *relogin +
                             " is more than librdkafka allows; sluice uses 86400000 (a day)");
    } else {
      p["sasl.kerberos.min.time.before.relogin"] = std::to_string(ms);
    }
  }
  return Status::ok_status();
}

// useKeyTab=true: librdkafka logs in by running kinit with the keytab.
Status translate_keytab_login(const std::map<std::string, std::string>& java,
                              const config::JaasLoginModule& module, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  auto principal = module.option("principal");
  auto keytab = module.option("keyTab");
  // The Java client logs in with the key itself; librdkafka runs kinit with it, renewing the
  // ticket in the cache first and getting a new one when that fails, as its default command
  // does.
  if (!principal || principal->empty()) {
    return config::jaas_error(
        std::string(kKrb5LoginModule) +
        " with useKeyTab=true needs the option principal (the client's Kerberos "
        "principal, e.g. principal=\"sluice@EXAMPLE.COM\")");
  }
  // The JDK reads the keytab when the client starts and fails then ("Unable to obtain password
  // from user"); so does sluice, before connecting.
  if (keytab && !std::ifstream(*keytab, std::ios::binary)) {
    return config::jaas_error("the keyTab file " + *keytab + " cannot be read (" +
                              std::strerror(errno) + ")");
  }
  // Java's sasl.kerberos.kinit.cmd is the path of the kinit program (KerberosLogin runs
  // `<path> -R`); librdkafka's property of the same name is a whole shell command.
  std::string kinit = get(java, "sasl.kerberos.kinit.cmd").value_or("kinit");
  if (kinit.empty() || kinit.find("%{") != std::string::npos ||
      std::any_of(kinit.begin(), kinit.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    return Status::invalid_argument(invalid_value(
        "sasl.kerberos.kinit.cmd", kinit,
        "the Java client takes the path of the kinit program here (it runs `<path> -R`), not a "
        "command line; sluice builds librdkafka's kinit command from that path"));
  }
  std::string args =
      (keytab ? " -t " + shell_quote(*keytab) : std::string()) + " -k " + shell_quote(*principal);
  p["sasl.kerberos.kinit.cmd"] =
      shell_quote(kinit) + " -R" + args + " || " + shell_quote(kinit) + args;
  p["sasl.kerberos.principal"] = *principal;
  // Without keyTab, kinit -k uses the default keytab of krb5.conf, as the JDK does.
  if (keytab) p["sasl.kerberos.keytab"] = *keytab;
  return translate_relogin_interval(java, config);
}

// useTicketCache=true without a keytab: the ticket cache as it is, no kinit.
void translate_ticket_cache_login(const std::map<std::string, std::string>& java,
                                  const config::JaasLoginModule& module, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  // The ticket is someone else's to get (kinit by hand, k5start, a login): librdkafka must not
  // run its kinit, which without a keytab could only fail.
  p["sasl.kerberos.min.time.before.relogin"] = "0";
  config.notes.push_back(
      "sasl.jaas.config useTicketCache=true: sluice uses the Kerberos ticket cache as it finds "
      "it and never runs kinit, where the Java client renews the ticket with `kinit -R`; keep "
      "the cache fresh (kinit, k5start) or log in with a keytab (useKeyTab=true)");
  if (module.option("keyTab")) {
    config.notes.push_back(
        "sasl.jaas.config option keyTab has no effect without useKeyTab=true (as in the Java "
        "client)");
  }
  for (const char* key : {"sasl.kerberos.kinit.cmd", "sasl.kerberos.min.time.before.relogin"}) {
    if (java.count(key) != 0) {
      config.notes.push_back(std::string(key) +
                             " has no effect with useTicketCache=true: sluice does not run "
                             "kinit");
    }
  }
}

}  // namespace

// sasl.mechanism=GSSAPI over SASL_PLAINTEXT or SASL_SSL, as the Java client's Kerberos login
// (org.apache.kafka.common.security.kerberos.KerberosLogin with the JDK's Krb5LoginModule) sets it
// up, in librdkafka's terms. librdkafka hands GSSAPI to Cyrus SASL, which takes the client's
// ticket-granting ticket from the default Kerberos ticket cache (KRB5CCNAME, else the one krb5.conf
// names); librdkafka fills that cache by running sasl.kerberos.kinit.cmd when the client starts and
// every sasl.kerberos.min.time.before.relogin ms, and 0 there means never
// (https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md).
Status translate_gssapi(const std::map<std::string, std::string>& java, bool gssapi,
                        ClientConfig& config) {
  for (const char* key : {"sasl.kerberos.principal", "sasl.kerberos.keytab"}) {
    if (java.count(key) != 0) {
      config.notes.push_back(std::string(key) +
                             " is a librdkafka setting that the Java client does not know; "
                             "ignored (sluice takes the principal and keytab from the "
                             "Krb5LoginModule options of sasl.jaas.config)");
    }
  }
  auto jaas = get(java, "sasl.jaas.config");
  if (!gssapi) {
    // The other sasl.kerberos.* keys are read by the Java client for GSSAPI only: unused here.
    if (jaas) {
      Result<config::JaasLoginModule> module = config::parse_jaas_config(*jaas);
      if (module.ok() && ends_with(module->class_name, ".Krb5LoginModule")) {
        config.notes.push_back(
            "sasl.jaas.config holds " + module->class_name +
            ", which only sasl.mechanism=GSSAPI (over SASL_PLAINTEXT or SASL_SSL) uses");
      }
    }
    return Status::ok_status();
  }
  // The Java client reads its login from sasl.jaas.config or, without it, from the JVM's JAAS
  // file (KafkaClient entry of -Djava.security.auth.login.config), and fails without either.
  if (!jaas) {
    return Status::invalid_argument(
        "sasl.mechanism=GSSAPI needs a Kerberos login: set consumer.sasl.jaas.config=" +
        std::string(kKrb5LoginModule) +
        " required useKeyTab=true keyTab=\"<keytab file>\" principal=\"<principal>\"; (or "
        "useTicketCache=true) in the worker configuration; sluice does not read the JVM's JAAS "
        "file (java.security.auth.login.config)");
  }
  SLUICE_ASSIGN_OR_RETURN(config::JaasLoginModule module, config::parse_jaas_config(*jaas));
  if (!ends_with(module.class_name, ".Krb5LoginModule")) {
    return config::jaas_error("sasl.mechanism=GSSAPI needs the login module " +
                              std::string(kKrb5LoginModule) + ", not " + module.class_name);
  }

  SLUICE_ASSIGN_OR_RETURN(config.properties["sasl.kerberos.service.name"],
                          service_name(java, module));
  // librdkafka expands %{name} in the kinit command, where these go.
  for (const char* option : {"principal", "keyTab"}) {
    auto value = module.option(option);
    if (value && value->find("%{") != std::string::npos) {
      return config::jaas_error(std::string("the option ") + option +
                                " holds \"%{\", which librdkafka's kinit command cannot carry");
    }
  }
  note_login_options(module, config);
  if (jaas_flag(module, "useKeyTab")) return translate_keytab_login(java, module, config);
  if (jaas_flag(module, "useTicketCache")) {
    translate_ticket_cache_login(java, module, config);
    return Status::ok_status();
  }
  // Krb5LoginModule would ask for a password, which the Java client cannot answer ("Could not
  // login: the client is being asked for a password").
  return config::jaas_error(
      std::string(kKrb5LoginModule) +
      " needs useKeyTab=true (with keyTab and principal) or useTicketCache=true: "
      "without either it asks for a password, which neither the Java client nor "
      "sluice can give");
}

// The client mechanisms of the Cyrus SASL plugins this process can load (from Cyrus's plugin
// folder, or SASL_PATH). Cyrus counts sasl_client_init calls, so librdkafka's own call when its
// first client starts is unaffected
// (https://www.cyrusimap.org/sasl/sasl/reference/manpages/library/sasl_client_init.html).
const std::vector<std::string>& cyrus_client_mechanisms() {
  static const std::vector<std::string> kMechanisms = [] {
    std::vector<std::string> out;
    if (sasl_client_init(nullptr) != SASL_OK) return out;
    for (const char** m = sasl_global_listmech(); m != nullptr && *m != nullptr; ++m) {
      out.emplace_back(*m);
    }
    return out;
  }();
  return kMechanisms;
}

Status check_gssapi_plugin(const std::vector<std::string>& cyrus_client_mechanisms) {
  if (std::find(cyrus_client_mechanisms.begin(), cyrus_client_mechanisms.end(), "GSSAPI") !=
      cyrus_client_mechanisms.end()) {
    return Status::ok_status();
  }
  return Status::invalid_argument(
      "sasl.mechanism=GSSAPI needs the GSSAPI plugin of Cyrus SASL, which is not installed on "
      "this machine (librdkafka would fail every login with \"No worthy mechs found\"): install "
      "libsasl2-modules-gssapi-mit (Debian, Ubuntu) or cyrus-sasl-gssapi (RHEL, Fedora), and "
      "kinit with it (krb5-user or krb5-workstation)");
}

}  // namespace sluice::kafka
