"""Transform and predicate configuration checked by `sluice validate` and `sluice run`: every
problem reported in one pass with the connector's other problems, exit 2 before connecting."""
from __future__ import annotations

from sluice_process import SluiceProcess, connector_config, worker_config

TRANSFORMS = {
    "transforms": "route,tag,nope",
    "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
    "transforms.route.regex": "(.*)-raw",
    "transforms.route.replacement": "$1-clean",
    "transforms.tag.type": "InsertHeader",
    "transforms.tag.header": "source",
    "transforms.tag.predicate": "isOrders",
    "transforms.nope.type": "com.example.NoSuchTransform",
    "predicates": "isOrders",
    "predicates.isOrders.type": "TopicNameMatches",
    "predicates.isOrders.pattern": "orders-(",
}


def test_transform_problems_are_reported_with_the_other_problems(testenv, make_topic, unique_name,
                                                                 s3_prefix, tmp_path):
    connector = connector_config(testenv, unique_name("smt"), make_topic(), s3_prefix, **TRANSFORMS)
    connector["flush.size"] = "lots"
    sluice = SluiceProcess(tmp_path / "run", worker_config(testenv), connector)
    result = sluice.validate()
    assert result.returncode == 2, result.stdout + result.stderr
    out = result.stdout
    for expected in [
        "Invalid value 'lots' for configuration flush.size",
        "Missing required configuration 'transforms.tag.value.literal' which has no default value",
        "Invalid value 'com.example.NoSuchTransform' for configuration transforms.nope.type: "
        "Class com.example.NoSuchTransform could not be found",
        "Invalid value 'orders-(' for configuration predicates.isOrders.pattern: Invalid regex: ",
    ]:
        assert expected in out, out
    assert "sluice validate: 4 error(s)" in out, out
    code, logs = sluice.run_until_failure(30)
    assert code == 2 and "transforms.nope.type" in logs and "flush.size" in logs, logs


def test_valid_transforms_validate(testenv, make_topic, unique_name, s3_prefix, tmp_path):
    transforms = dict(TRANSFORMS, **{"transforms": "route,tag", "transforms.tag.value.literal": "42",
                                     "predicates.isOrders.pattern": "orders-.*"})
    sluice = SluiceProcess(tmp_path / "run", worker_config(testenv),
                           connector_config(testenv, unique_name("smt"), make_topic(), s3_prefix,
                                            **transforms))
    result = sluice.validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sluice validate: the configuration is valid" in result.stdout
