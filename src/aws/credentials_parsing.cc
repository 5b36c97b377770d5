#include "aws/credentials_parsing.h"

#include <date/date.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sluice::aws {

namespace {

bool parse_digits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
  int y, mo, d, h, mi, s;
  if (!parse_digits(text, 0, 4, &y) || text.size() < 19 || text[4] != '-' ||
      !parse_digits(text, 5, 2, &mo) || text[7] != '-' || !parse_digits(text, 8, 2, &d) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !parse_digits(text, 11, 2, &h) ||
      text[13] != ':' || !parse_digits(text, 14, 2, &mi) || text[16] != ':' ||
      !parse_digits(text, 17, 2, &s)) {
    return std::nullopt;
  }
  size_t pos = 19;
  std::chrono::nanoseconds fraction{0};
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    long long scale = 100'000'000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += std::chrono::nanoseconds((text[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
  }
  std::chrono::minutes offset{0};
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!parse_digits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !parse_digits(text, pos + 4, 2, &om)) {
      return std::nullopt;
    }
    offset = std::chrono::minutes(oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;  // no zone: ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(mo)),
                           date::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  auto time = date::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
              std::chrono::seconds(s) - offset;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      time + std::chrono::duration_cast<std::chrono::system_clock::duration>(fraction));
}

Result<AwsCredentials> parse_credentials_json(std::string_view body, std::string_view token_key,
                                              const std::string& provider) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Status::fatal(provider + ": credentials response is not JSON");
  auto text = [&](std::string_view key) -> std::string {
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  AwsCredentials out;
  out.provider = provider;
  out.access_key_id = text("AccessKeyId");
  out.secret_access_key = text("SecretAccessKey");
  out.session_token = text(token_key);
  if (out.empty()) {
    return Status::fatal(provider + ": credentials response lacks AccessKeyId or SecretAccessKey");
  }
  std::string expiration = text("Expiration");
  if (!expiration.empty()) {
    out.expiration = parse_iso8601(expiration);
    if (!out.expiration) {
      return Status::fatal(provider + ": unparseable Expiration \"" + expiration + "\"");
    }
  }
  return out;
}

std::optional<std::string> xml_element_text(std::string_view xml, std::string_view name) {
  std::string open = "<" + std::string(name) + ">";
  std::string close = "</" + std::string(name) + ">";
  size_t begin = xml.find(open);
  if (begin == std::string_view::npos) return std::nullopt;
  begin += open.size();
  size_t end = xml.find(close, begin);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view raw = xml.substr(begin, end - begin);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool matched = false;
    for (const auto& [entity, ch] : kEntities) {
      if (raw.substr(i, entity.size()) == entity) {
        out += ch;
        i += entity.size() - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out += '&';
  }
  return out;
}

EnvironmentCredentialsProvider::Lookup process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string env_or_empty(const EnvironmentCredentialsProvider::Lookup& env, const char* name) {
  return env(name).value_or("");
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace sluice::aws
