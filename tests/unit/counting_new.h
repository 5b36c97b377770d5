// A replaced global operator new that counts allocations while a test asks it to, for the tests
// of the "no heap allocation per record" contracts.
//
// The replacement must exist once per program: include this header from exactly one source file
// of a unit-test binary.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

// The replacement operator delete frees what the replacement operator new took from malloc; GCC
// cannot see that pairing through inlined allocators.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace sluice::testing {
// Allocations are counted on this thread while `g_counting` is true.
inline thread_local bool g_counting = false;
inline thread_local size_t g_allocations = 0;
}  // namespace sluice::testing

void* operator new(size_t size) {
  if (sluice::testing::g_counting) ++sluice::testing::g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t size) {
  return operator new(size);
}
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  if (sluice::testing::g_counting) ++sluice::testing::g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, size_t) noexcept {
  std::free(p);
}
