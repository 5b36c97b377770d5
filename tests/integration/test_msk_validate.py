"""`sluice validate --msk`: MSK Connect's worker configuration rules and the capacity note.

The expected problems come from AWS's Amazon MSK Developer Guide ("Supported worker configuration
properties": the producer.*/consumer.* keys it supports, the prefixes and keys it does not, both
converters required) and its capacity pages (one MCU is 1 vCPU and 4 GiB; autoscaled tasks.max is
workers x MCU x 2). validate connects nowhere, so no broker or S3 traffic is involved."""
from __future__ import annotations

from sluice_process import SluiceProcess, connector_config

STRING = "org.apache.kafka.connect.storage.StringConverter"

# A worker file as a self-hosted Connect cluster might have it: every key below but the last two
# is one MSK Connect refuses, and value.converter is missing.
SELF_HOSTED_WORKER = {
    "bootstrap.servers": "b-1.example.kafka.us-east-1.amazonaws.com:9098",
    "key.converter": STRING,
    "group.id": "connect-cluster",
    "security.protocol": "SASL_SSL",
    "ssl.truststore.password": "hunter2-truststore",
    "consumer.sasl.jaas.config": 'org.apache.kafka.common.security.scram.ScramLoginModule required '
                                 'username="u" password="hunter2-jaas";',
    "producer.retries": "3",
    "rest.port": "8083",
    "metrics.recording.level": "INFO",
    "consumer.max.poll.records": "500",
    "offset.flush.interval.ms": "10000",
}

# (key, the rule AWS's guide states for it)
EXPECTED = [
    ("bootstrap.servers", "MSK Connect does not allow the worker configuration key 'bootstrap.servers'"),
    ("group.id", "MSK Connect does not allow the worker configuration key 'group.id'"),
    ("security.protocol", "MSK Connect does not allow worker configuration keys starting with 'security.'"),
    ("ssl.truststore.password", "MSK Connect does not allow worker configuration keys starting with 'ssl.'"),
    ("consumer.sasl.jaas.config", "MSK Connect allows only these consumer.* keys: consumer.allow.auto.create.topics"),
    ("producer.retries", "MSK Connect allows only these producer.* keys: producer.acks"),
    ("rest.port", "MSK Connect does not allow worker configuration keys starting with 'rest.'"),
    ("metrics.recording.level", "MSK Connect does not allow worker configuration keys starting with 'metrics.'"),
]

MSK_WORKER = {
    "key.converter": STRING,
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    "header.converter": "org.apache.kafka.connect.storage.SimpleHeaderConverter",
    "consumer.max.poll.records": "500",
    "consumer.auto.offset.reset": "earliest",
    "producer.linger.ms": "10",
    "offset.flush.interval.ms": "10000",
}


def problem_lines(out: str, severity: str) -> list[str]:
    return [line for line in out.splitlines() if f" {severity}: " in line or line.startswith(f"{severity}: ")]


def test_every_key_msk_connect_refuses_is_reported_at_once(testenv, unique_name, s3_prefix, tmp_path):
    connector = connector_config(testenv, unique_name("msk"), "orders", s3_prefix,
                                 **{"consumer.override.max.poll.records": "100"})
    sluice = SluiceProcess(tmp_path, SELF_HOSTED_WORKER, connector, own_rest_port=False)
    result = sluice.validate("--msk")
    assert result.returncode == 2, result.stdout + result.stderr
    out = result.stdout
    errors = problem_lines(out, "error")
    for key, rule in EXPECTED:
        matching = [line for line in errors if f"key {key} " in line]
        assert len(matching) == 1, (key, out)
        assert rule in matching[0], (key, matching[0])
    missing = [line for line in errors if "'value.converter'" in line]
    assert len(missing) == 1 and "MSK Connect requires key.converter and value.converter" in missing[0], out
    assert f"sluice validate: {len(EXPECTED) + 1} error(s)" in out, out
    # Secrets stay hidden; allowed keys are not reported.
    assert "hunter2" not in out + result.stderr
    assert "consumer.max.poll.records (value" not in out and "offset.flush.interval.ms" not in out, out
    override = [line for line in problem_lines(out, "warning") if "consumer.override.max.poll.records" in line]
    assert len(override) == 1 and "connector.client.config.override.policy" in override[0], out

    # The same files without --msk follow self-hosted Kafka Connect's rules only.
    plain = sluice.validate()
    assert plain.returncode == 2, plain.stdout
    assert "not accepted by MSK Connect" not in plain.stdout and "error(s)" in plain.stdout


def test_msk_style_worker_is_valid_with_a_capacity_note(testenv, unique_name, s3_prefix, tmp_path):
    name = unique_name("msk")
    sluice = SluiceProcess(tmp_path, MSK_WORKER,
                           connector_config(testenv, name, "orders", s3_prefix, **{"tasks.max": 4}),
                           own_rest_port=False)
    result = sluice.validate("--msk")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not accepted by MSK Connect" not in result.stdout
    assert "sluice validate: the configuration is valid" in result.stdout

    # Provisioned: 2 workers x 2 MCU = 4 vCPU and 16 GiB; tasks.max=4 honoured, 2 per worker.
    result = sluice.validate("--msk", "--msk-workers", "2", "--msk-mcu", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "4 MCU in all (4 vCPU, 16 GiB); each worker 2 vCPU and 8 GiB" in out, out
    assert "tasks.max=4, at most 2 per worker" in out, out
    assert f"2 process(es) with 2 vCPU and 8 GiB each, every `sluice run` with tasks.max=2: " \
           f"4 consumer(s) in the group connect-{name}" in out, out

    # Autoscaled 1..3 workers of 1 MCU: tasks.max replaced by workers x 1 x 2.
    result = sluice.validate("--msk", "--msk-autoscaling", "1:3", "--msk-mcu", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 task(s) at 1 worker(s), 6 at 3" in result.stdout, result.stdout
    assert "1 to 3 process(es)" in result.stdout and "tasks.max=2:" in result.stdout, result.stdout


def test_capacity_flags_outside_msk_connects_ranges_are_errors(testenv, unique_name, s3_prefix, tmp_path):
    sluice = SluiceProcess(tmp_path, MSK_WORKER, connector_config(testenv, unique_name("msk"), "orders", s3_prefix),
                           own_rest_port=False)
    result = sluice.validate("--msk", "--msk-autoscaling", "2:12", "--msk-mcu", "3")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--msk-mcu 3: MSK Connect allows 1, 2, 4 or 8 MCU per worker" in result.stdout, result.stdout
    assert "--msk-autoscaling 2:12: MSK Connect allows 1 to 10 workers" in result.stdout, result.stdout
    assert "MSK Connect capacity" not in result.stdout
    # Capacity flags belong to --msk.
    result = sluice.validate("--msk-workers", "2", "--msk-mcu", "1")
    assert result.returncode == 2 and "requires --msk" in result.stdout + result.stderr
