// SyncMarker: the 16 bytes that end an Avro container file's header and every block.
//
// Java's DataFileWriter draws them at random for every file (MD5 of a UUID and the clock), so two
// runs of the Java connector never write the same bytes; the specification only asks that the
// marker be the same throughout one file. A value type; random() is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sluice::avro {

struct SyncMarker {
  static constexpr size_t kSize = 16;
  std::array<uint8_t, kSize> bytes{};

  // 16 bytes from the operating system's random source.
  static SyncMarker random();
  // REQUIRES: bytes.size() == kSize.
  static SyncMarker from_bytes(std::string_view bytes);

  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  friend bool operator==(const SyncMarker&, const SyncMarker&) = default;
};

}  // namespace sluice::avro
