// ResolvingTranscoder: one binary datum written with a plan's writer schema -> the same datum in
// the plan's reader schema, in Avro's binary encoding (resolution_plan.h has the rules). The
// output is what a writer using the reader schema would have written for the resolved value, so
// any reader of reader-schema data (connect/avro_value_decoder.h) decodes it unchanged: this is
// the resolving half of Java's GenericDatumReader(writer, reader), kept apart from the Connect
// conversion.
//
// Fields come in the writer's order and leave in the reader's: each supplied field is encoded at
// the end of the output, then (only when the plan says the order differs or defaults sit between
// supplied fields) the record is reassembled in reader order. Skipped writer fields are read past
// (datum_reader.h skip_datum). Array and map blocks keep their item counts (a sized block loses
// its byte size, which changes). Bytes after the datum are ignored, as Java ignores them.
//
// Failures are kDataError: the input is malformed or truncated, or the datum reaches an error
// step of the plan ("Found string, expecting int", "No match for RED").
//
// Memory: the output string and a slice table are reused from datum to datum, so a warm
// transcoder allocates nothing. Not thread-safe: one per converter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "avro/decoder.h"
#include "avro/resolution_plan.h"
#include "util/status.h"

namespace sluice::avro {

class ResolvingTranscoder {
 public:
  // Replaces `out` with the reader encoding of the datum at the start of `datum`.
  // `plan` must outlive the call only.
  Status transcode(std::string_view datum, const ResolutionPlan& plan, std::string& out);

 private:
  struct Slice {
    size_t start = 0;
    size_t size = 0;
  };

  Status run(uint32_t step, Decoder& in, std::string& out, int depth);
  Status run_record(const ResolutionStep& step, Decoder& in, std::string& out, int depth);
  Status run_collection(const ResolutionStep& step, Decoder& in, std::string& out, int depth);

  const ResolutionPlan* plan_ = nullptr;
  std::vector<Slice> slices_;  // a stack of per-record frames
};

}  // namespace sluice::avro
