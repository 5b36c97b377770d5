// ObjectEtag: the ETag S3 gives an object sluice wrote, computed from what was sent, so a
// conditional write that found an existing object can tell a byte-identical rewrite (its own
// earlier write, replayed after a crash or completed by a lost response) from a different object.
//
// S3's ETag is the hex MD5 of the body for PutObject and md5(concat(binary part MD5s))-<parts>
// for a multipart upload (spec confluent-s3-sink.md §6.3) — but only without SSE-KMS or SSE-C;
// with those it is opaque, and no comparison is possible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/put_options.h"

namespace sluice::storage {

// "\"<hex md5 of body>\"": the ETag of a PutObject of `body`.
std::string put_object_etag(std::string_view body);

// "\"<hex md5 of the concatenated part MD5s>-<n>\"" for the parts' ETags as UploadPart returned
// them (quoted hex MD5s). Empty when a part ETag is not a hex MD5 (then nothing can be compared).
std::string multipart_etag(const std::vector<std::string>& part_etags);

// Whether objects written with `options` get MD5-based ETags (no SSE-KMS, no SSE-C).
bool etag_is_md5_based(const PutOptions& options);

// Whether two ETags name the same bytes: equal after removing quotes, case-insensitively; an
// empty ETag never matches.
bool etags_match(std::string_view a, std::string_view b);

}  // namespace sluice::storage
