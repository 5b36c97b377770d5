// The metrics module against hand-written Prometheus text (exposition format 0.0.4).
#include "metrics/registry.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include "metrics/process_metrics.h"
#include "metrics/text_format.h"

namespace sluice::metrics {
namespace {

TEST(MetricsRegistryTest, RendersCountersAndGaugesExactly) {
  Registry r;
  CounterFamily& records =
      r.counter("sluice_records_total", "Records seen.", {"topic", "partition"});
  records.cell({"orders", "1"})->inc(3);
  records.cell({"orders", "0"})->inc();
  records.cell({"orders", "0"})->inc(41);
  GaugeFamily& lag = r.gauge("sluice_lag", "Lag.", {});
  lag.cell({})->set(-2.5);
  EXPECT_EQ(r.render(),
            "# HELP sluice_lag Lag.\n"
            "# TYPE sluice_lag gauge\n"
            "sluice_lag -2.5\n"
            "# HELP sluice_records_total Records seen.\n"
            "# TYPE sluice_records_total counter\n"
            "sluice_records_total{topic=\"orders\",partition=\"0\"} 42\n"
            "sluice_records_total{topic=\"orders\",partition=\"1\"} 3\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  Registry r;
  r.gauge("g", "a \\ back\nslash \"quoted\"", {"l"}).cell({"x\\y\"z\nw"})->set(1);
  EXPECT_EQ(r.render(),
            "# HELP g a \\\\ back\\nslash \"quoted\"\n"
            "# TYPE g gauge\n"
            "g{l=\"x\\\\y\\\"z\\nw\"} 1\n");
}

TEST(MetricsRegistryTest, HistogramBucketsAreCumulativeWithInf) {
  Registry r;
  HistogramFamily& h = r.histogram("sluice_duration_seconds", "Durations.", {"op"}, {0.1, 0.5, 2});
  std::shared_ptr<Histogram> put = h.cell({"PutObject"});
  put->observe(0.05);
  put->observe(0.1);  // le is inclusive
  put->observe(0.3);
  put->observe(7);
  EXPECT_EQ(r.render(),
            "# HELP sluice_duration_seconds Durations.\n"
            "# TYPE sluice_duration_seconds histogram\n"
            "sluice_duration_seconds_bucket{op=\"PutObject\",le=\"0.1\"} 2\n"
            "sluice_duration_seconds_bucket{op=\"PutObject\",le=\"0.5\"} 3\n"
            "sluice_duration_seconds_bucket{op=\"PutObject\",le=\"2\"} 3\n"
            "sluice_duration_seconds_bucket{op=\"PutObject\",le=\"+Inf\"} 4\n"
            "sluice_duration_seconds_sum{op=\"PutObject\"} 7.45\n"
            "sluice_duration_seconds_count{op=\"PutObject\"} 4\n");
}

TEST(MetricsRegistryTest, ValuesUseGoFloatSpelling) {
  auto text = [](double v) {
    std::string out;
    append_value(out, v);
    return out;
  };
  EXPECT_EQ(text(0), "0");
  EXPECT_EQ(text(-0.0), "0");
  EXPECT_EQ(text(1e15), "1000000000000000");
  EXPECT_EQ(text(0.1), "0.1");
  EXPECT_EQ(text(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(text(1e300), "1e+300");
  EXPECT_EQ(text(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(text(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(text(std::nan("")), "NaN");
  std::string big;
  append_value(big, uint64_t{18446744073709551615u});
  EXPECT_EQ(big, "18446744073709551615");
}

TEST(MetricsRegistryTest, NamesAreChecked) {
  EXPECT_TRUE(valid_metric_name("sluice:records_total"));
  EXPECT_FALSE(valid_metric_name("1abc"));
  EXPECT_FALSE(valid_metric_name("a-b"));
  EXPECT_FALSE(valid_metric_name(""));
  EXPECT_TRUE(valid_label_name("topic_2"));
  EXPECT_FALSE(valid_label_name("__name__"));
  EXPECT_FALSE(valid_label_name("a:b"));
  Registry r;
  EXPECT_DEATH(r.counter("sluice_records", "no _total", {}), "ends in _total");
  EXPECT_DEATH(r.histogram("h", "", {"le"}, {1}), "no label le");
  EXPECT_DEATH(r.histogram("h", "", {}, {2, 1}), "increasing");
  r.gauge("g", "", {"a"});
  EXPECT_DEATH(r.counter("g_total", "", {}).cell({"x"}), "label values");
  EXPECT_DEATH(r.gauge("g", "", {"b"}), "another type or other labels");
}

TEST(MetricsRegistryTest, SameNameGivesTheSameFamily) {
  Registry r;
  CounterFamily& a = r.counter("c_total", "", {"x"});
  CounterFamily& b = r.counter("c_total", "", {"x"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(a.cell({"1"}), b.cell({"1"}));
}

TEST(MetricsRegistryTest, RegistrationRemovesItsSeriesButNotNewerOnes) {
  Registry r;
  CounterFamily& c = r.counter("c_total", "h", {"p"});
  std::shared_ptr<Counter> old_cell;
  {
    Registration reg;
    old_cell = reg.add(c, {"0"});
    old_cell->inc(5);
    reg.add(c, {"1"})->inc(1);
    EXPECT_NE(r.render().find("c_total{p=\"0\"} 5\n"), std::string::npos);
    // A new owner of the same labels before the old registration is released: the newer series
    // (made afresh, at zero) stays.
    Registration again;
    again.add(c, {"0"})->inc(2);
    Registration moved = std::move(again);
    reg.release();
    EXPECT_EQ(r.render(), "# HELP c_total h\n# TYPE c_total counter\nc_total{p=\"0\"} 2\n");
  }
  EXPECT_EQ(r.render(), "# HELP c_total h\n# TYPE c_total counter\n");
  old_cell->inc();  // a holder may still update a removed cell
  EXPECT_EQ(old_cell->value(), 6u);
}

TEST(MetricsRegistryTest, CallbackSeriesAreComputedAtRender) {
  Registry r;
  double budget = 10;
  GaugeFamily& g = r.gauge("sluice_bytes", "b", {"connector"});
  Registration reg;
  reg.add_callback(g, {"c1"}, [&] { return budget; });
  EXPECT_NE(r.render().find("sluice_bytes{connector=\"c1\"} 10\n"), std::string::npos);
  budget = 12.5;
  EXPECT_NE(r.render().find("sluice_bytes{connector=\"c1\"} 12.5\n"), std::string::npos);
  reg.release();
  EXPECT_EQ(r.render().find("c1"), std::string::npos);
  // A newer callback with the same labels outlives the older registration.
  Registration older;
  older.add_callback(g, {"c2"}, [] { return 1.0; });
  Registration newer;
  newer.add_callback(g, {"c2"}, [] { return 2.0; });
  older.release();
  EXPECT_NE(r.render().find("sluice_bytes{connector=\"c2\"} 2\n"), std::string::npos);
}

TEST(MetricsRegistryTest, ConcurrentUpdatesAndRendersAgree) {
  Registry r;
  CounterFamily& c = r.counter("c_total", "", {"t"});
  HistogramFamily& h = r.histogram("h_seconds", "", {"t"}, {0.5});
  constexpr int kThreads = 4;
  constexpr int kUpdates = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Every thread makes and drops series while others update and render.
      std::shared_ptr<Counter> counter = c.cell({std::to_string(t % 2)});
      std::shared_ptr<Histogram> hist = h.cell({std::to_string(t % 2)});
      for (int i = 0; i < kUpdates; ++i) {
        counter->inc();
        hist->observe(i % 2 == 0 ? 0.25 : 1.0);
        if (i % 1000 == 0) {
          Registration scratch;
          scratch.add(c, {"scratch" + std::to_string(t)})->inc();
        }
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    std::string text = r.render();
    ASSERT_NE(text.find("# TYPE h_seconds histogram"), std::string::npos);
  }
  for (std::thread& t : threads) t.join();
  std::string text = r.render();
  EXPECT_NE(text.find("c_total{t=\"0\"} 40000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("c_total{t=\"1\"} 40000\n"), std::string::npos);
  EXPECT_NE(text.find("h_seconds_bucket{t=\"0\",le=\"0.5\"} 20000\n"), std::string::npos);
  EXPECT_NE(text.find("h_seconds_count{t=\"1\"} 40000\n"), std::string::npos);
  EXPECT_NE(text.find("h_seconds_sum{t=\"1\"} 25000\n"), std::string::npos);
  EXPECT_EQ(text.find("scratch"), std::string::npos);
}

TEST(ProcessMetricsTest, ParsesProcStat) {
  // proc(5) fields; the command name holds a space and a parenthesis.
  std::string stat =
      "4242 (my (app) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 150 0 0 20 0 7 0 3000 "
      "104857600 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
  std::optional<ProcessStat> s = parse_proc_stat(stat, 100, 4096, 1700000000);
  ASSERT_TRUE(s.has_value());
  EXPECT_DOUBLE_EQ(s->cpu_seconds, 4.0);
  EXPECT_DOUBLE_EQ(s->start_time_seconds, 1700000030.0);
  EXPECT_DOUBLE_EQ(s->virtual_bytes, 104857600.0);
  EXPECT_DOUBLE_EQ(s->resident_bytes, 2560.0 * 4096);
  EXPECT_FALSE(parse_proc_stat("garbage", 100, 4096, 0).has_value());
  EXPECT_FALSE(parse_proc_stat("1 (x) S 1 2", 100, 4096, 0).has_value());
}

TEST(ProcessMetricsTest, ReportsThisProcess) {
  // Spend a few CPU ticks, so that the CPU time is above zero.
  volatile double sink = 0;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
       std::chrono::steady_clock::now() < until;) {
    sink = sink + std::sqrt(sink + 2);
  }
  Registry r;
  register_process_metrics(r);
  register_process_metrics(r);
  std::string text = r.render();
  for (const char* name : {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
                           "process_start_time_seconds ", "process_open_fds "}) {
    size_t at = text.find(std::string("\n") + name);
    ASSERT_NE(at, std::string::npos) << name;
    double v = std::strtod(text.c_str() + at + 1 + std::strlen(name), nullptr);
    EXPECT_GT(v, 0) << name;
  }
  // The start time is a wall-clock time: this test process began at most an hour ago.
  size_t at = text.find("\nprocess_start_time_seconds ");
  ASSERT_NE(at, std::string::npos);
  double started = std::strtod(text.c_str() + at + 28, nullptr);
  double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(started, now + 1);
  EXPECT_GT(started, now - 3600);
}

}  // namespace
}  // namespace sluice::metrics
