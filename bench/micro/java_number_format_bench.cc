// Double.toString / Float.toString as JsonFormat prints every float and double field: Java 17's
// digits (the default) against the shortest digits of JDK >= 19 (sluice.json.double.digits),
// on value mixes that take different paths through the JDK 17 algorithm. Items are values
// formatted; the output string is reused, as the JSON writer reuses its line buffer.
#include <benchmark/benchmark.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "util/java_number_format.h"

namespace {

using sluice::util::JavaDoubleDigits;

// What JSON documents usually hold: prices, measurements, coordinates, ratios, epoch seconds
// with a fraction (plain notation, the 64-bit arithmetic path).
std::vector<double> typical_doubles() {
  std::mt19937_64 rng(42);
  std::vector<double> v;
  for (int i = 0; i < 4096; ++i) {
    switch (i % 4) {
      case 0:
        v.push_back(static_cast<double>(rng() % 1000000) / 100.0);  // 1234.56
        break;
      case 1:
        v.push_back(static_cast<double>(rng() % 100000000) / 1e6 - 50.0);  // 12.345678
        break;
      case 2:
        v.push_back(std::uniform_real_distribution<double>(0, 1)(rng));  // 0.7364018552297
        break;
      default:
        v.push_back(1.7e9 + static_cast<double>(rng() % 100000000) / 1000.0);  // 1.70001234567E9
    }
  }
  return v;
}

// Uniformly random bit patterns: mostly huge and tiny magnitudes (the big-integer path).
std::vector<double> random_bit_doubles() {
  std::mt19937_64 rng(7);
  std::vector<double> v;
  while (v.size() < 4096) {
    double d = std::bit_cast<double>(rng() & 0x7fffffffffffffffULL);
    if (std::isfinite(d)) v.push_back(d);
  }
  return v;
}

// Whole numbers stored as doubles (counts, ids, milliseconds), some above 2^53.
std::vector<double> integer_doubles() {
  std::mt19937_64 rng(3);
  std::vector<double> v;
  for (int i = 0; i < 4096; ++i) {
    v.push_back(static_cast<double>(rng() >> (i % 2 == 0 ? 40 : 4)));
  }
  return v;
}

std::vector<float> typical_floats() {
  std::mt19937 rng(5);
  std::vector<float> v;
  for (int i = 0; i < 4096; ++i) {
    v.push_back(static_cast<float>(rng() % 100000) / 100.0f);
  }
  return v;
}

template <typename T>
void run(benchmark::State& state, const std::vector<T>& values) {
  const auto digits = static_cast<JavaDoubleDigits>(state.range(0));
  std::string out;
  out.reserve(64);
  for (auto _ : state) {
    for (T value : values) {
      out.clear();
      if constexpr (sizeof(T) == sizeof(double)) {
        sluice::util::append_java_double(out, value, digits);
      } else {
        sluice::util::append_java_float(out, value, digits);
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
  state.SetLabel(digits == JavaDoubleDigits::kJdk17 ? "jdk17" : "shortest");
}

void BM_JavaDoubleTypical(benchmark::State& state) {
  static const std::vector<double> values = typical_doubles();
  run(state, values);
}
void BM_JavaDoubleRandomBits(benchmark::State& state) {
  static const std::vector<double> values = random_bit_doubles();
  run(state, values);
}
void BM_JavaDoubleIntegers(benchmark::State& state) {
  static const std::vector<double> values = integer_doubles();
  run(state, values);
}
void BM_JavaFloatTypical(benchmark::State& state) {
  static const std::vector<float> values = typical_floats();
  run(state, values);
}

// Arg: 0 = JavaDoubleDigits::kJdk17, 1 = kShortest.
BENCHMARK(BM_JavaDoubleTypical)->Arg(0)->Arg(1);
BENCHMARK(BM_JavaDoubleRandomBits)->Arg(0)->Arg(1);
BENCHMARK(BM_JavaDoubleIntegers)->Arg(0)->Arg(1);
BENCHMARK(BM_JavaFloatTypical)->Arg(0)->Arg(1);

}  // namespace
