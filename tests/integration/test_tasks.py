"""tasks.max above 1 (as Kafka Connect runs a sink connector's tasks): one process runs that many tasks, each a member of the connector's
consumer group with its own consumer (client id connector-consumer-<name>-<n>), sharing the one memory budget and
upload pool; partitions are spread over the tasks by the group protocol. Exactly once across kill -9."""

from __future__ import annotations

import re

from confluent_kafka.admin import AdminClient
from sluice_process import (SluiceProcess, assert_each_record_once, connector_config, crash_and_recover, wait_until,
                            worker_config)


def test_four_tasks_share_the_partitions_and_write_every_record_once_across_kill_9(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    partitions, flush, tasks = 8, 25, 4
    topic = make_topic(partitions=partitions)
    name = unique_name("tasks")
    connector = connector_config(testenv, name, topic, s3_prefix, **{"flush.size": flush, "tasks.max": tasks})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)

    members: list[set[str]] = []

    def four_members() -> bool:
        admin = AdminClient({"bootstrap.servers": testenv.kafka_bootstrap_servers})
        group = admin.describe_consumer_groups([f"connect-{name}"])[f"connect-{name}"].result(timeout=10)
        members.append({m.client_id for m in group.members})
        return len(group.members) == tasks

    produced = crash_and_recover(sluice, kafka_producer(), kafka_consumer, f"connect-{name}", topic, partitions,
                                 batches=40, per_batch=5, seed=41, kills=3)
    assert all(n == 200 for n in produced.values()), produced
    # The last run: every task joined the group with its own consumer and got two of the eight partitions.
    last_run = sluice.logs().split("==== run 4")[1]
    for task in range(tasks):
        assigned = re.findall(rf"task={task} assigned topic=\S+ partition=(\d+)", last_run)
        assert len(assigned) == partitions // tasks, (task, last_run)
    sluice.start()
    try:
        wait_until(four_members, 30, 0.5, what="four members in the group")
        assert members[-1] == {f"connector-consumer-{name}-{n}" for n in range(tasks)}, members[-1]
    finally:
        assert sluice.stop() == 0, sluice.logs()

    assert_each_record_once(s3, testenv.s3_bucket, s3_prefix, partitions, 200, flush)
