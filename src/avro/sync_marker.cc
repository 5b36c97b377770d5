#include "avro/sync_marker.h"

#include <cassert>
#include <cstring>
#include <random>

namespace sluice::avro {

SyncMarker SyncMarker::random() {
  thread_local std::random_device device;
  SyncMarker marker;
  for (size_t i = 0; i < kSize; i += 4) {
    uint32_t word = device();
    std::memcpy(marker.bytes.data() + i, &word, 4);
  }
  return marker;
}

SyncMarker SyncMarker::from_bytes(std::string_view bytes) {
  assert(bytes.size() == kSize);
  SyncMarker marker;
  std::memcpy(marker.bytes.data(), bytes.data(), kSize);
  return marker;
}

}  // namespace sluice::avro
