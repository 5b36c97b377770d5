// A small XML reader and escaper for S3's response and request bodies.
//
// S3 speaks plain, namespace-default XML: elements with text, no mixed content worth keeping.
// parse_xml() builds a little tree of elements (local names, decoded text, children) and ignores
// attributes, comments, processing instructions and DOCTYPE; that covers every response the store
// reads (errors, InitiateMultipartUploadResult, CompleteMultipartUploadResult, ListBucketResult)
// without adding a dependency. Not a validating parser: it rejects only what it cannot read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::storage {

struct XmlElement {
  std::string name;  // local name: a "prefix:" is dropped
  std::string text;  // the character data directly inside, entities and CDATA decoded
  std::vector<XmlElement> children;

  // The first child with this name, or nullptr.
  const XmlElement* child(std::string_view child_name) const;
  // The first such child's text, or "" when there is none.
  std::string child_text(std::string_view child_name) const;
  // Every child with this name, in document order.
  std::vector<const XmlElement*> children_named(std::string_view child_name) const;
};

// Parses one document and returns its root element. kInvalidArgument when it is not XML this
// reader understands (the message says where).
Result<XmlElement> parse_xml(std::string_view document);

// Escapes text for use as element content ('&', '<', '>' and CR); quotes stay as they are, so
// an ETag reads "..." in a request body, as the AWS SDKs send it.
std::string xml_escape(std::string_view text);

}  // namespace sluice::storage
