// MSK Connect's rules for the files sluice reads, and the capacity MSK Connect would provision.
//
// Worker rules (AWS, Amazon MSK Developer Guide, "Supported worker configuration properties"):
// only the listed producer.* and consumer.* keys, no key starting with one of the denied prefixes
// or equal to one of the denied keys, and both key.converter and value.converter present. They
// live in one data table in msk_connect_rules.cc so that they can follow AWS's guide as it
// changes; WorkerConfig::validate applies them for WorkerFlavor::kMskConnect, every offending key
// reported at once, secrets shown as "[hidden]".
//
// Connector rules: the guide says nothing about a connector's KIP-458 client overrides
// (consumer.override.*, producer.override.*, admin.override.*), and a worker configuration may
// not set connector.client.config.override.policy, so whether MSK Connect honours them is not
// documented: each one gets a warning, never an error.
//
// Capacity ("Understand connector capacity", "Understand maximum autoscaling task count"): one
// MCU is 1 vCPU and 4 GiB; a connector is provisioned (workerCount 1..10 x mcuCount 1, 2, 4 or 8,
// tasks.max honoured) or autoscaled (minWorkerCount..maxWorkerCount, tasks.max replaced by
// workers x MCU x 2, capped by maxAutoscalingTaskCount >= maxWorkerCount). plan_msk_capacity maps
// that onto sluice processes, one per MSK worker, each running tasks.max tasks in the consumer
// group connect-<name>.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/config_problem.h"
#include "config/raw_config.h"

namespace sluice::config {

// Adds an error for every key of a worker configuration MSK Connect would reject, all at once.
void check_msk_connect_worker_rules(const RawConfig& raw, ConfigReport* report);

// Adds a warning for every connector client override (consumer.override.* and the like).
void check_msk_connect_connector_rules(const RawConfig& connector, ConfigReport* report);

// The capacity flags of `sluice validate --msk`, as given (unset = not given).
struct MskCapacityFlags {
  std::optional<int> workers;                     // --msk-workers: provisioned workerCount
  std::optional<std::string> autoscaling;         // --msk-autoscaling MIN:MAX worker counts
  std::optional<int> mcu;                         // --msk-mcu: mcuCount per worker
  std::optional<int> max_autoscaling_task_count;  // --msk-max-autoscaling-task-count

  bool any() const { return workers || autoscaling || mcu || max_autoscaling_task_count; }
};

// A connector capacity MSK Connect accepts.
struct MskCapacity {
  bool autoscaled = false;
  int mcu = 1;          // per worker
  int min_workers = 1;  // == max_workers when provisioned
  int max_workers = 1;
  std::optional<int> max_autoscaling_task_count;
};

// The capacity the flags describe, or nullopt after adding an error (keyed by the flag) for every
// rule of MSK Connect's API they break.
std::optional<MskCapacity> parse_msk_capacity(const MskCapacityFlags& flags, ConfigReport* report);

// What MSK Connect would run, and the sluice processes that do the same work.
struct MskCapacityPlan {
  int vcpu_per_worker = 0;
  int memory_gib_per_worker = 0;
  int min_mcu = 0, max_mcu = 0;      // all workers together, at the fewest and most workers
  int min_tasks = 0, max_tasks = 0;  // tasks MSK Connect runs at the fewest and most workers
  int max_tasks_per_worker = 0;      // Connect spreads tasks evenly: at most this many on one
  int min_processes = 0, max_processes = 0;  // sluice processes, one per worker with a task
  int tasks_per_process = 0;                 // tasks.max of each sluice process
};

// `connector_tasks_max`: the connector's tasks.max (honoured when provisioned, replaced when
// autoscaled).
MskCapacityPlan plan_msk_capacity(const MskCapacity& capacity, int connector_tasks_max);

// The capacity note `sluice validate --msk` prints: a few lines ending with a newline. `group` is
// the connector's consumer group ("connect-<name>").
std::string describe_msk_capacity(const MskCapacity& capacity, const MskCapacityPlan& plan,
                                  int connector_tasks_max, std::string_view group);

}  // namespace sluice::config
