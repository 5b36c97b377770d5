// Percent-encoding as AWS Signature Version 4 defines it, plus the S3 rule for object keys.
//
// SigV4 has one strict encoder: the unreserved bytes A-Z a-z 0-9 - . _ ~ stay, every other byte of
// the UTF-8 input becomes %XX with uppercase hex (space is %20, never '+'). S3 keys are encoded
// once, segment by segment, keeping '/' and everything else exactly as given: no '.'/'..'
// resolution, no collapsing of '//', no Unicode normalisation (spec msk-connect-and-aws.md §4.2).
#pragma once

#include <string>
#include <string_view>

namespace sluice::aws {

// Encodes every byte but the unreserved ones; with keep_slash, '/' stays too.
std::string uri_encode(std::string_view bytes, bool keep_slash = false);
void uri_encode_append(std::string& out, std::string_view bytes, bool keep_slash = false);

// An S3 object key as it appears in a canonical URI and on the wire: each '/'-separated segment
// encoded, slashes kept (so "a//b/" stays "a//b/").
inline std::string s3_key_path(std::string_view key) {
  return uri_encode(key, true);
}

// Reverses percent-encoding; with plus_as_space, '+' decodes to ' ' (form and S3 listing
// encoding-type=url). A '%' not followed by two hex digits is kept literally.
std::string uri_decode(std::string_view text, bool plus_as_space = false);

}  // namespace sluice::aws
