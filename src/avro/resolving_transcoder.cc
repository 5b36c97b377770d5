#include "avro/resolving_transcoder.h"

#include "avro/datum_reader.h"
#include "avro/encoder.h"

namespace sluice::avro {

namespace {

using Kind = ResolutionStep::Kind;

// Items that take no bytes (null, empty records) cannot be checked against the input size; a
// block may announce at most this many of them.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 24;

}  // namespace

Status ResolvingTranscoder::transcode(std::string_view datum, const ResolutionPlan& plan,
                                      std::string& out) {
  out.clear();
  slices_.clear();
  plan_ = &plan;
  Decoder in(datum);
  return run(plan.root(), in, out, 0);
}

Status ResolvingTranscoder::run(uint32_t index, Decoder& in, std::string& out, int depth) {
  if (depth > kMaxDatumDepth) return Status::data_error("avro: datum nests too deeply");
  const ResolutionStep& step = plan_->steps()[index];
  Encoder e(out);
  switch (step.kind) {
    case Kind::kCopy: {
      const size_t start = in.position();
      SLUICE_RETURN_IF_ERROR(skip_datum(in, *step.writer));
      out.append(in.data().substr(start, in.position() - start));
      return Status::ok_status();
    }
    case Kind::kIntToLong: {
      SLUICE_ASSIGN_OR_RETURN(int32_t v, in.read_int());
      e.write_long(v);
      return Status::ok_status();
    }
    case Kind::kIntToFloat: {
      SLUICE_ASSIGN_OR_RETURN(int32_t v, in.read_int());
      e.write_float(static_cast<float>(v));
      return Status::ok_status();
    }
    case Kind::kIntToDouble: {
      SLUICE_ASSIGN_OR_RETURN(int32_t v, in.read_int());
      e.write_double(static_cast<double>(v));
      return Status::ok_status();
    }
    case Kind::kLongToFloat: {
      SLUICE_ASSIGN_OR_RETURN(int64_t v, in.read_long());
      e.write_float(static_cast<float>(v));
      return Status::ok_status();
    }
    case Kind::kLongToDouble: {
      SLUICE_ASSIGN_OR_RETURN(int64_t v, in.read_long());
      e.write_double(static_cast<double>(v));
      return Status::ok_status();
    }
    case Kind::kFloatToDouble: {
      SLUICE_ASSIGN_OR_RETURN(float v, in.read_float());
      e.write_double(static_cast<double>(v));
      return Status::ok_status();
    }
    case Kind::kEnum: {
      SLUICE_ASSIGN_OR_RETURN(int32_t symbol, in.read_enum(step.enum_map.size()));
      const int32_t mapped = step.enum_map[static_cast<size_t>(symbol)];
      if (mapped < 0) {
        return Status::data_error("No match for " +
                                  step.writer->symbols()[static_cast<size_t>(symbol)]);
      }
      e.write_enum(mapped);
      return Status::ok_status();
    }
    case Kind::kArray:
    case Kind::kMap:
      return run_collection(step, in, out, depth);
    case Kind::kRecord:
      return run_record(step, in, out, depth);
    case Kind::kWriterUnion: {
      SLUICE_ASSIGN_OR_RETURN(int32_t branch, in.read_union_index(step.branch_steps.size()));
      return run(step.branch_steps[static_cast<size_t>(branch)], in, out, depth + 1);
    }
    case Kind::kReaderUnion:
      e.write_union_index(step.reader_branch);
      return run(step.child, in, out, depth + 1);
    case Kind::kError:
      return Status::data_error(step.message);
  }
  return Status::data_error("avro: unknown resolution step");
}

Status ResolvingTranscoder::run_collection(const ResolutionStep& step, Decoder& in,
                                           std::string& out, int depth) {
  const bool map = step.kind == Kind::kMap;
  Encoder e(out);
  for (;;) {
    const size_t at = in.position();
    SLUICE_ASSIGN_OR_RETURN(int64_t count, in.read_block_count());
    if (count == 0) break;
    if (count > static_cast<int64_t>(in.remaining()) && count > kMaxZeroSizeItems) {
      return Status::data_error("avro: block of " + std::to_string(count) +
                                " items does not fit the " + std::to_string(in.remaining()) +
                                " bytes left at offset " + std::to_string(at));
    }
    e.write_array_start(static_cast<uint64_t>(count));
    for (int64_t i = 0; i < count; ++i) {
      if (map) {
        SLUICE_ASSIGN_OR_RETURN(std::string_view key, in.read_string());
        e.write_string(key);
      }
      SLUICE_RETURN_IF_ERROR(run(step.child, in, out, depth + 1));
    }
  }
  e.write_array_end();
  return Status::ok_status();
}

Status ResolvingTranscoder::run_record(const ResolutionStep& step, Decoder& in, std::string& out,
                                       int depth) {
  const size_t base = out.size();
  const size_t frame = slices_.size();
  const size_t reader_fields = step.from_writer.size();
  slices_.resize(frame + reader_fields);
  const std::vector<Field>& writer_fields = step.writer->fields();
  for (size_t i = 0; i < writer_fields.size(); ++i) {
    const int32_t position = step.reader_position[i];
    if (position < 0) {
      SLUICE_RETURN_IF_ERROR(skip_datum(in, writer_fields[i].schema()));
      continue;
    }
    const size_t start = out.size();
    SLUICE_RETURN_IF_ERROR(run(step.field_steps[i], in, out, depth + 1));
    slices_[frame + static_cast<size_t>(position)] = Slice{start, out.size() - start};
  }
  if (step.in_order) {
    for (size_t r = 0; r < reader_fields; ++r) {
      if (!step.from_writer[r]) out.append(step.defaults[r]);
    }
  } else {
    // Reassemble in reader order after the fields as read, then drop the fields as read.
    const size_t assembled = out.size();
    size_t total = 0;
    for (size_t r = 0; r < reader_fields; ++r) {
      total += step.from_writer[r] ? slices_[frame + r].size : step.defaults[r].size();
    }
    out.reserve(assembled + total);
    for (size_t r = 0; r < reader_fields; ++r) {
      if (step.from_writer[r]) {
        const Slice s = slices_[frame + r];
        out.append(out, s.start, s.size);
      } else {
        out.append(step.defaults[r]);
      }
    }
    out.erase(base, assembled - base);
  }
  slices_.resize(frame);
  return Status::ok_status();
}

}  // namespace sluice::avro
