#include "cli/verify_coverage.h"

#include <algorithm>

namespace sluice::cli {

namespace {

struct Span {
  OffsetRange range;
  const CoveredObject* object;
};

// Each object's offsets: counted ones reach start + records (an upper-bound count no further
// than the next greater start offset, or the high watermark); an uncounted one reaches the next
// greater start offset (or one past its own start when it is the last).
std::vector<Span> spans_of(const std::vector<CoveredObject>& sorted, int64_t high_watermark) {
  std::vector<Span> spans;
  spans.reserve(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const CoveredObject& o = sorted[i];
    std::optional<int64_t> next_start;
    for (size_t j = i + 1; j < sorted.size() && !next_start; ++j) {
      if (sorted[j].start_offset > o.start_offset) next_start = sorted[j].start_offset;
    }
    int64_t end = next_start.value_or(o.start_offset + 1);
    if (o.records) {
      end = o.start_offset + *o.records;
      if (o.records_upper_bound) end = std::min(end, next_start.value_or(high_watermark));
    }
    spans.push_back(Span{OffsetRange{o.start_offset, end}, &o});
  }
  return spans;
}

// Whether objects of different encoded partitions overlap: then counts do not place records.
bool interleaves(const std::vector<Span>& spans) {
  for (size_t i = 0; i < spans.size(); ++i) {
    for (size_t j = i + 1; j < spans.size() && spans[j].range.first < spans[i].range.end; ++j) {
      if (spans[j].object->encoded_partition != spans[i].object->encoded_partition) return true;
    }
  }
  return false;
}

// Splits the hole [first, end) by the log start and the checked end, and adds its parts.
void add_hole(OffsetRange hole, const std::string& before, const std::string& after,
              const PartitionOffsets& offsets, int64_t checked_end, std::vector<Gap>* gaps) {
  auto add = [&](int64_t first, int64_t end, GapKind kind) {
    if (first < end) gaps->push_back(Gap{OffsetRange{first, end}, kind, before, after});
  };
  int64_t low = std::min(hole.end, std::max(hole.first, offsets.log_start));
  int64_t high = std::max(low, std::min(hole.end, checked_end));
  add(hole.first, low, GapKind::kBelowLogStart);
  add(low, high, GapKind::kMissing);
  add(high, hole.end, GapKind::kNotCommitted);
}

void sweep(const std::vector<Span>& spans, const PartitionOffsets& offsets,
           PartitionCoverage* out) {
  bool any = false;
  int64_t reached = 0;  // the end of the offsets covered so far
  std::string reached_key;
  for (const Span& s : spans) {
    if (s.range.size() <= 0) continue;
    const int64_t from = any ? reached : offsets.log_start;  // before the first object: the log
    if (s.range.first > from) {
      add_hole(OffsetRange{from, s.range.first}, reached_key, s.object->key, offsets,
               out->checked_end, &out->gaps);
    } else if (any && s.range.first < reached) {
      out->duplicates.push_back(Duplicate{
          OffsetRange{s.range.first, std::min(reached, s.range.end)}, reached_key, s.object->key});
    }
    if (!out->covered.empty() && s.range.first <= out->covered.back().end) {
      out->covered.back().end = std::max(out->covered.back().end, s.range.end);
    } else {
      out->covered.push_back(s.range);
    }
    if (!any || s.range.end > reached) {
      reached = s.range.end;
      reached_key = s.object->key;
    }
    any = true;
  }
  const int64_t from = any ? reached : offsets.log_start;
  if (from < out->checked_end) {
    add_hole(OffsetRange{from, out->checked_end}, reached_key, "", offsets, out->checked_end,
             &out->gaps);
  }
}

// Interleaved partitions: identical start offsets are duplicates; the rest is a count.
void count_interleaved(const std::vector<Span>& spans, const PartitionOffsets& offsets,
                       PartitionCoverage* out) {
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].range.first == spans[i - 1].range.first) {
      out->duplicates.push_back(
          Duplicate{OffsetRange{spans[i].range.first, spans[i].range.first + 1},
                    spans[i - 1].object->key, spans[i].object->key});
    }
  }
  if (!spans.empty()) {
    const int64_t first = std::min(spans.front().range.first, offsets.log_start);
    out->interleaved_offsets = std::max<int64_t>(0, out->checked_end - first);
  }
}

}  // namespace

int64_t PartitionCoverage::missing_offsets() const {
  if (interleaved) return std::max<int64_t>(0, interleaved_offsets - records);
  int64_t n = 0;
  for (const Gap& g : gaps) n += g.kind == GapKind::kMissing ? g.range.size() : 0;
  return n;
}

int64_t PartitionCoverage::duplicate_offsets() const {
  if (interleaved) {
    return std::max<int64_t>(static_cast<int64_t>(duplicates.size()),
                             records - interleaved_offsets);
  }
  int64_t n = 0;
  for (const Duplicate& d : duplicates) n += d.range.size();
  return n;
}

PartitionCoverage compute_coverage(std::vector<CoveredObject> objects,
                                   const PartitionOffsets& offsets) {
  std::sort(objects.begin(), objects.end(), [](const CoveredObject& a, const CoveredObject& b) {
    return a.start_offset != b.start_offset ? a.start_offset < b.start_offset : a.key < b.key;
  });
  PartitionCoverage out;
  out.checked_end = offsets.committed.value_or(offsets.high_watermark);
  out.objects = static_cast<int64_t>(objects.size());
  for (const CoveredObject& o : objects) {
    out.records += o.records.value_or(0);
    out.uncounted_objects += o.records ? 0 : 1;
    out.upper_bound_objects += o.records && o.records_upper_bound ? 1 : 0;
  }
  std::vector<Span> spans = spans_of(objects, offsets.high_watermark);
  out.interleaved = interleaves(spans);
  if (out.interleaved) {
    count_interleaved(spans, offsets, &out);
  } else {
    sweep(spans, offsets, &out);
  }
  return out;
}

const char* gap_kind_name(GapKind kind) {
  switch (kind) {
    case GapKind::kMissing:
      return "missing";
    case GapKind::kBelowLogStart:
      return "below the log start (deleted from Kafka; not checked)";
    case GapKind::kNotCommitted:
      return "not yet committed (the sink may still be writing them; not checked)";
  }
  return "?";
}

}  // namespace sluice::cli
