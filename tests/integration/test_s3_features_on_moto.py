"""The S3 options S3Proxy (the default test server) does not implement, against moto's S3 server with moto
checking SigV4 signatures against an IAM user it made: s3.object.tagging end to end (spec confluent-s3-sink.md
§2.2, §5.6), SSE-S3 and SSE-KMS headers, canned ACLs; plus the tagging error policies against S3Proxy, whose
501 NotImplemented is a real tagging failure. (SSE-C is implemented by neither server: its request headers are
checked in tests/unit/storage.)"""

from __future__ import annotations

import re
from types import SimpleNamespace

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from sluice_process import (SluiceProcess, committed_offsets, connector_config, json_lines, list_keys,
                            moto_with_iam_user, produce_records, wait_until, worker_config)

OFFSET_INVALID = -1001  # what the group reports for a partition with no committed offset
MOTO_REGION = "us-east-1"
MOTO_BUCKET = "sluice-tagging"


def _client(service: str, endpoint: str, access_key: str, secret_key: str):
    return boto3.client(service, endpoint_url=endpoint, region_name=MOTO_REGION, aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key,
                        config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required",
                                      response_checksum_validation="when_required"))


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    """moto's server checking SigV4 signatures and IAM policies (sluice_process.moto_with_iam_user); the bucket
    is made with the IAM user's key, like everything after the user."""
    with moto_with_iam_user(tmp_path_factory.mktemp("moto"), "sluice", MOTO_REGION) as (endpoint, access_key,
                                                                                          secret_key):
        s3 = _client("s3", endpoint, access_key, secret_key)
        s3.create_bucket(Bucket=MOTO_BUCKET)
        yield SimpleNamespace(endpoint=endpoint, bucket=MOTO_BUCKET, access_key=access_key, secret_key=secret_key,
                              s3=s3)


def moto_connector(testenv, moto, name: str, topic: str, prefix: str, **extra) -> dict:
    config = connector_config(testenv, name, topic, prefix, **{
        "store.url": moto.endpoint,
        "s3.bucket.name": moto.bucket,
        "s3.region": MOTO_REGION,
        "aws.access.key.id": moto.access_key,
        "aws.secret.access.key": moto.secret_key,
    })
    config.update(extra)
    return config


def tags_of(s3, bucket: str, key: str) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}


KEY_PATTERN = re.compile(r"\+(\d+)\+(\d{10})\.json$")


def test_moto_refuses_a_wrong_secret_so_signatures_are_really_checked(moto):
    wrong = _client("s3", moto.endpoint, moto.access_key, "not-the-secret")
    with pytest.raises(ClientError) as e:
        wrong.put_object(Bucket=moto.bucket, Key="probe", Body=b"x")
    assert e.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def test_every_value_file_is_tagged_with_its_offsets_record_count_and_extra_pairs(
        testenv, moto, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic(partitions=2)
    name = unique_name("tags")
    produce_records(kafka_producer(), topic, [(p, f"p{p}-{i}") for i in range(25) for p in range(2)])
    connector = moto_connector(testenv, moto, name, topic, s3_prefix, **{
        "flush.size": 10,
        "s3.object.tagging": "true",
        "s3.object.tagging.key.value.pairs": "team:payments,env:ci",
        "s3.object.behavior.on.tagging.error": "fail",
    })
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 2) == {0: 20, 1: 20}, 60,
                   what="offsets 20 committed on both partitions")
        keys = sorted(list_keys(moto.s3, moto.bucket, s3_prefix))
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert keys == sorted(f"{s3_prefix}{topic}/partition={p}/{topic}+{p}+{o:010d}.json"
                          for p in range(2) for o in (0, 10)), keys
    for key in keys:
        p, start = (int(g) for g in KEY_PATTERN.search(key).groups())
        records = json_lines(moto.s3, moto.bucket, key)
        assert records == [f"p{p}-{i}" for i in range(start, start + 10)], key
        # endOffset is the offset of the file's last record (spec §5.6).
        assert tags_of(moto.s3, moto.bucket, key) == {
            "startOffset": str(start), "endOffset": str(start + len(records) - 1),
            "recordCount": str(len(records)), "team": "payments", "env": "ci"}, key


def test_a_wrong_secret_fails_the_task_with_signature_does_not_match(
        testenv, moto, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    name = unique_name("badsig")
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(5)])
    connector = moto_connector(testenv, moto, name, topic, s3_prefix, **{
        "flush.size": 5, "aws.secret.access.key": "not-the-secret"})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    code, logs = sluice.run_until_failure(timeout=60)
    assert code != 0, logs
    assert "SignatureDoesNotMatch" in logs, logs
    assert "not-the-secret" not in logs
    assert list_keys(moto.s3, moto.bucket, s3_prefix) == []
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == OFFSET_INVALID


@pytest.mark.parametrize("settings, expected", [
    ({"s3.ssea.name": "AES256"}, {"ServerSideEncryption": "AES256"}),
    ({"s3.ssea.name": "aws:kms", "s3.sse.kms.key.id": "arn:aws:kms:us-east-1:123456789012:key/sluice-test"},
     {"ServerSideEncryption": "aws:kms",
      "SSEKMSKeyId": "arn:aws:kms:us-east-1:123456789012:key/sluice-test"}),
], ids=["sse-s3", "sse-kms"])
def test_sse_headers_are_accepted_by_a_server_that_supports_them(
        testenv, moto, make_topic, kafka_producer, unique_name, s3_prefix, tmp_path, settings, expected):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(6)])
    # part size at its minimum and 6 records in 2 files: small PutObjects; the multipart path is covered by
    # the KMS headers going on CreateMultipartUpload in the unit tests.
    connector = moto_connector(testenv, moto, unique_name("sse"), topic, s3_prefix, **{"flush.size": 3},
                               **settings)
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        keys = wait_until(lambda: len(list_keys(moto.s3, moto.bucket, s3_prefix)) == 2
                          and list_keys(moto.s3, moto.bucket, s3_prefix), 60, what="2 objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    for key in keys:
        head = moto.s3.head_object(Bucket=moto.bucket, Key=key)
        assert {k: head.get(k) for k in expected} == expected, key
    assert json_lines(moto.s3, moto.bucket, sorted(keys)[0]) == ["r0", "r1", "r2"]


def test_canned_acl_is_applied_by_a_server_that_supports_acls(testenv, moto, make_topic, kafka_producer,
                                                              unique_name, s3_prefix, tmp_path):
    """s3.acl.canned (x-amz-acl) on small PutObjects and on a multipart upload (CreateMultipartUpload carries it)."""
    topic = make_topic()
    big = "x" * (900 * 1024)  # under the broker's 1 MB message limit
    # 7 records per file: 2 small + 5 big (4.5 MB, one PutObject), then 7 big (6.3 MB, two parts).
    produce_records(kafka_producer(), topic, [(0, "small-0"), (0, "small-1")] + [(0, big)] * 12)
    connector = moto_connector(testenv, moto, unique_name("acl"), topic, s3_prefix, **{
        "flush.size": 7, "s3.acl.canned": "public-read", "s3.part.size": 5 * 1024 * 1024})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        keys = wait_until(lambda: len(list_keys(moto.s3, moto.bucket, s3_prefix)) == 2
                          and sorted(list_keys(moto.s3, moto.bucket, s3_prefix)), 60, what="2 objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    assert moto.s3.head_object(Bucket=moto.bucket, Key=keys[1])["ETag"].endswith('-2"'), "not a multipart upload"
    for key in keys:
        grants = moto.s3.get_object_acl(Bucket=moto.bucket, Key=key)["Grants"]
        public = [g["Permission"] for g in grants
                  if g["Grantee"].get("URI") == "http://acs.amazonaws.com/groups/global/AllUsers"]
        assert public == ["READ"], (key, grants)


def test_tagging_failure_with_fail_stops_sluice_and_commits_nothing_for_that_file(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    """S3Proxy answers PutObjectTagging with 501: with `fail` the task fails like any fatal S3 error, and the
    file's offset is not committed (the Java connector commits only after tagging)."""
    if testenv.s3_server != "s3proxy":
        pytest.skip("needs S3Proxy, which does not implement tagging")
    topic = make_topic()
    name = unique_name("tagfail")
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(5)])
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 5, "s3.object.tagging": "true", "s3.object.behavior.on.tagging.error": "fail",
        "s3.retry.backoff.ms": 10})
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector)
    code, logs = sluice.run_until_failure(timeout=60)
    assert code == 1, logs
    key = f"{s3_prefix}{topic}/partition=0/{topic}+0+0000000000.json"
    assert f"Unable to tag S3 object {key} after 3 attempt(s)" in logs, logs
    assert "NotImplemented" in logs, logs
    # The object was completed before tagging was tried, but its offset never became committable.
    assert list_keys(s3, testenv.s3_bucket, s3_prefix) == [key]
    assert committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == OFFSET_INVALID


def test_tagging_failure_with_ignore_writes_the_data_and_logs_a_warning(
        testenv, s3, make_topic, kafka_producer, kafka_consumer, unique_name, s3_prefix, tmp_path):
    if testenv.s3_server != "s3proxy":
        pytest.skip("needs S3Proxy, which does not implement tagging")
    topic = make_topic()
    name = unique_name("tagignore")
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(10)])
    connector = connector_config(testenv, name, topic, s3_prefix, **{
        "flush.size": 5, "s3.object.tagging": "true", "s3.retry.backoff.ms": 10})  # ignore is the default
    sluice = SluiceProcess(tmp_path, worker_config(testenv), connector).start()
    try:
        wait_until(lambda: committed_offsets(kafka_consumer, f"connect-{name}", topic, 1)[0] == 10, 60,
                   what="offset 10 committed")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert keys == [f"{s3_prefix}{topic}/partition=0/{topic}+0+{o:010d}.json" for o in (0, 5)]
    assert json_lines(s3, testenv.s3_bucket, keys[1]) == [f"r{i}" for i in range(5, 10)]
    logs = sluice.logs()
    for key in keys:
        assert re.search(rf"Unable to tag S3 object {re.escape(key)} after 3 attempt\(s\); ignoring it .*"
                         r"NotImplemented", logs), logs
