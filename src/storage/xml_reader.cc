#include "storage/xml_reader.h"

#include <cstdint>

namespace sluice::storage {

namespace {

constexpr int kMaxDepth = 64;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_name_char(char c) {
  return !(is_space(c) || c == '>' || c == '/' || c == '=' || c == '<' || c == '"' || c == '\'');
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view doc) : doc_(doc) {}

  Result<XmlElement> document() {
    SLUICE_RETURN_IF_ERROR(skip_misc());
    if (pos_ >= doc_.size() || doc_[pos_] != '<') return error("expected the root element");
    XmlElement root;
    SLUICE_RETURN_IF_ERROR(element(root, 0));
    SLUICE_RETURN_IF_ERROR(skip_misc());
    if (pos_ != doc_.size()) return error("unexpected content after the root element");
    return root;
  }

 private:
  Status error(std::string_view what) const {
    return Status::invalid_argument("XML: " + std::string(what) + " at byte " +
                                    std::to_string(pos_));
  }

  bool starts_with(std::string_view s) const { return doc_.substr(pos_).starts_with(s); }

  // Skips to just past `terminator`.
  Status skip_past(std::string_view terminator) {
    size_t end = doc_.find(terminator, pos_);
    if (end == std::string_view::npos) return error("unterminated markup");
    pos_ = end + terminator.size();
    return Status::ok_status();
  }

  // Whitespace, comments, processing instructions and DOCTYPE around the root element.
  Status skip_misc() {
    while (pos_ < doc_.size()) {
      if (is_space(doc_[pos_])) {
        ++pos_;
      } else if (starts_with("<?")) {
        SLUICE_RETURN_IF_ERROR(skip_past("?>"));
      } else if (starts_with("<!--")) {
        SLUICE_RETURN_IF_ERROR(skip_past("-->"));
      } else if (starts_with("<!DOCTYPE")) {
        SLUICE_RETURN_IF_ERROR(skip_past(">"));
      } else {
        break;
      }
    }
    return Status::ok_status();
  }

  Status entity(std::string& out) {
    size_t end = doc_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) return error("bad entity reference");
    std::string_view name = doc_.substr(pos_ + 1, end - pos_ - 1);
    if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      if (digits.empty()) return error("bad character reference");
      uint32_t cp = 0;
      for (char c : digits) {
        int v;
        if (c >= '0' && c <= '9') {
          v = c - '0';
        } else if (hex && c >= 'a' && c <= 'f') {
          v = c - 'a' + 10;
        } else if (hex && c >= 'A' && c <= 'F') {
          v = c - 'A' + 10;
        } else {
          return error("bad character reference");
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
        if (cp > 0x10FFFF) return error("character reference out of range");
      }
      append_utf8(out, cp);
    } else {
      return error("unknown entity");
    }
    pos_ = end + 1;
    return Status::ok_status();
  }

  Status element(XmlElement& out, int depth) {
    if (depth > kMaxDepth) return error("elements nested too deeply");
    ++pos_;  // '<'
    size_t name_start = pos_;
    while (pos_ < doc_.size() && is_name_char(doc_[pos_])) ++pos_;
    std::string_view name = doc_.substr(name_start, pos_ - name_start);
    if (name.empty()) return error("expected an element name");
    std::string_view local =
        name.substr(name.find(':') == std::string_view::npos ? 0 : name.find(':') + 1);
    out.name = std::string(local);

    // Attributes: skipped, but quoted values may contain '>' or '/', so walk them properly.
    while (true) {
      while (pos_ < doc_.size() && is_space(doc_[pos_])) ++pos_;
      if (pos_ >= doc_.size()) return error("unterminated start tag");
      if (starts_with("/>")) {
        pos_ += 2;
        return Status::ok_status();
      }
      if (doc_[pos_] == '>') {
        ++pos_;
        break;
      }
      while (pos_ < doc_.size() && is_name_char(doc_[pos_])) ++pos_;
      while (pos_ < doc_.size() && is_space(doc_[pos_])) ++pos_;
      if (pos_ >= doc_.size() || doc_[pos_] != '=') return error("expected '=' in an attribute");
      ++pos_;
      while (pos_ < doc_.size() && is_space(doc_[pos_])) ++pos_;
      if (pos_ >= doc_.size() || (doc_[pos_] != '"' && doc_[pos_] != '\'')) {
        return error("expected a quoted attribute value");
      }
      size_t close = doc_.find(doc_[pos_], pos_ + 1);
      if (close == std::string_view::npos) return error("unterminated attribute value");
      pos_ = close + 1;
    }

    // Content.
    while (true) {
      if (pos_ >= doc_.size()) return error("missing end tag for <" + std::string(name) + ">");
      char c = doc_[pos_];
      if (c == '&') {
        SLUICE_RETURN_IF_ERROR(entity(out.text));
      } else if (c != '<') {
        out.text += c;
        ++pos_;
      } else if (starts_with("</")) {
        pos_ += 2;
        size_t end_start = pos_;
        while (pos_ < doc_.size() && is_name_char(doc_[pos_])) ++pos_;
        if (doc_.substr(end_start, pos_ - end_start) != name) {
          return error("mismatched end tag for <" + std::string(name) + ">");
        }
        while (pos_ < doc_.size() && is_space(doc_[pos_])) ++pos_;
        if (pos_ >= doc_.size() || doc_[pos_] != '>') return error("unterminated end tag");
        ++pos_;
        return Status::ok_status();
      } else if (starts_with("<![CDATA[")) {
        size_t end = doc_.find("]]>", pos_);
        if (end == std::string_view::npos) return error("unterminated CDATA");
        out.text += doc_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (starts_with("<!--")) {
        SLUICE_RETURN_IF_ERROR(skip_past("-->"));
      } else if (starts_with("<?")) {
        SLUICE_RETURN_IF_ERROR(skip_past("?>"));
      } else {
        out.children.emplace_back();
        SLUICE_RETURN_IF_ERROR(element(out.children.back(), depth + 1));
      }
    }
  }

  std::string_view doc_;
  size_t pos_ = 0;
};

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const XmlElement& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

std::string XmlElement::child_text(std::string_view child_name) const {
  const XmlElement* c = child(child_name);
  return c == nullptr ? std::string() : c->text;
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const XmlElement& c : children) {
    if (c.name == child_name) out.push_back(&c);
  }
  return out;
}

Result<XmlElement> parse_xml(std::string_view document) {
  return Parser(document).document();
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace sluice::storage
