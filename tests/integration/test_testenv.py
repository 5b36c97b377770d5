"""The test servers themselves: what the sink's integration tests rely on them to do.

If one of these fails, fix scripts/testenv (or the choice of server) before reading anything into a failing
end-to-end test.
"""

from __future__ import annotations

import time

import pytest
from botocore.exceptions import ClientError
from confluent_kafka import ConsumerGroupTopicPartitions, TopicPartition

MIB = 1024 * 1024


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[int, str]:
    response = excinfo.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


# --- S3 ------------------------------------------------------------------------------------------------------


def test_signed_requests_put_get_list(s3, s3_bucket, s3_prefix):
    s3.put_object(Bucket=s3_bucket, Key=s3_prefix + "a.json", Body=b'{"a":1}\n')
    s3.put_object(Bucket=s3_bucket, Key=s3_prefix + "b.json", Body=b'{"b":2}\n')

    assert s3.get_object(Bucket=s3_bucket, Key=s3_prefix + "a.json")["Body"].read() == b'{"a":1}\n'
    listed = s3.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix)
    assert [(o["Key"], o["Size"]) for o in listed["Contents"]] == [
        (s3_prefix + "a.json", 8), (s3_prefix + "b.json", 8)]


def test_wrong_secret_is_refused(testenv, s3, s3_client_factory, s3_bucket, s3_prefix):
    forger = s3_client_factory(secret_key=testenv.aws_secret_access_key + "-wrong")

    with pytest.raises(ClientError) as put:
        forger.put_object(Bucket=s3_bucket, Key=s3_prefix + "forged", Body=b"x")
    assert error_of(put) == (403, "SignatureDoesNotMatch")

    with pytest.raises(ClientError) as get:
        forger.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix)
    assert error_of(get) == (403, "SignatureDoesNotMatch")

    # and the refused write left nothing behind
    assert s3.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix)["KeyCount"] == 0


def test_unknown_access_key_is_refused(s3_client_factory, s3_bucket, s3_prefix):
    stranger = s3_client_factory(access_key="nobody-we-know")
    with pytest.raises(ClientError) as put:
        stranger.put_object(Bucket=s3_bucket, Key=s3_prefix + "x", Body=b"x")
    assert error_of(put) == (403, "InvalidAccessKeyId")


def test_multipart_upload_of_two_parts(s3, s3_bucket, s3_prefix):
    key = s3_prefix + "big.bin"
    part1 = bytes(range(256)) * (5 * MIB // 256)  # exactly the 5 MiB minimum for a non-last part
    part2 = b"tail of the object\n"

    upload_id = s3.create_multipart_upload(Bucket=s3_bucket, Key=key)["UploadId"]
    etags = [
        s3.upload_part(Bucket=s3_bucket, Key=key, UploadId=upload_id, PartNumber=n, Body=body)["ETag"]
        for n, body in ((1, part1), (2, part2))
    ]
    done = s3.complete_multipart_upload(
        Bucket=s3_bucket, Key=key, UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})

    assert done["ETag"].strip('"').endswith("-2")
    assert s3.get_object(Bucket=s3_bucket, Key=key)["Body"].read() == part1 + part2


def test_list_objects_v2_prefix_delimiter_and_pages(s3, s3_bucket, s3_prefix):
    for name in ("a/1", "a/2", "b/1", "c"):
        s3.put_object(Bucket=s3_bucket, Key=s3_prefix + name, Body=b"x")

    only_a = s3.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix + "a/")
    assert [o["Key"] for o in only_a["Contents"]] == [s3_prefix + "a/1", s3_prefix + "a/2"]

    folders = s3.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix, Delimiter="/")
    assert [p["Prefix"] for p in folders["CommonPrefixes"]] == [s3_prefix + "a/", s3_prefix + "b/"]
    assert [o["Key"] for o in folders["Contents"]] == [s3_prefix + "c"]

    keys, token, pages = [], None, 0
    while True:
        kwargs = {"ContinuationToken": token} if token else {}
        page = s3.list_objects_v2(Bucket=s3_bucket, Prefix=s3_prefix, MaxKeys=3, **kwargs)
        keys += [o["Key"] for o in page.get("Contents", [])]
        pages += 1
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    assert (pages, keys) == (2, [s3_prefix + k for k in ("a/1", "a/2", "b/1", "c")])


def test_if_none_match_on_put_object(s3, s3_bucket, s3_prefix):
    key = s3_prefix + "once"
    s3.put_object(Bucket=s3_bucket, Key=key, Body=b"first", IfNoneMatch="*")

    with pytest.raises(ClientError) as second:
        s3.put_object(Bucket=s3_bucket, Key=key, Body=b"second", IfNoneMatch="*")
    assert error_of(second) == (412, "PreconditionFailed")
    assert s3.get_object(Bucket=s3_bucket, Key=key)["Body"].read() == b"first"


def test_if_none_match_on_complete_multipart_upload(s3, s3_bucket, s3_prefix):
    # The Confluent connector's conditional-write mode puts If-None-Match: * on CompleteMultipartUpload.
    key = s3_prefix + "once.bin"

    def upload(body: bytes):
        upload_id = s3.create_multipart_upload(Bucket=s3_bucket, Key=key)["UploadId"]
        etag = s3.upload_part(Bucket=s3_bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=body)["ETag"]
        return s3.complete_multipart_upload(
            Bucket=s3_bucket, Key=key, UploadId=upload_id, IfNoneMatch="*",
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})

    upload(b"first")
    with pytest.raises(ClientError) as second:
        upload(b"second")
    assert error_of(second) == (412, "PreconditionFailed")
    assert s3.get_object(Bucket=s3_bucket, Key=key)["Body"].read() == b"first"


def test_missing_key_error(s3, s3_bucket, s3_prefix):
    with pytest.raises(ClientError) as missing:
        s3.get_object(Bucket=s3_bucket, Key=s3_prefix + "never-written")
    assert error_of(missing) == (404, "NoSuchKey")


# --- Kafka ---------------------------------------------------------------------------------------------------


def test_produce_consume_in_group_and_commit(make_topic, kafka_producer, kafka_consumer, kafka_admin,
                                            unique_name):
    topic = make_topic(partitions=3)
    group = unique_name("group")
    sent = {}  # value -> partition
    failures = []

    producer = kafka_producer()
    for i in range(100):
        value = f"record-{i}".encode()
        sent[value] = i % 3
        producer.produce(topic, key=str(i).encode(), value=value, partition=i % 3,
                         on_delivery=lambda err, msg: err and failures.append(err))
    assert producer.flush(30) == 0
    assert failures == []

    # The classic group protocol with the cooperative-sticky assignor, as the sink's librdkafka uses it.
    consumer = kafka_consumer(group, {"partition.assignment.strategy": "cooperative-sticky"})
    consumer.subscribe([topic])
    received = {}
    deadline = time.monotonic() + 60
    while len(received) < 100 and time.monotonic() < deadline:
        msg = consumer.poll(0.5)
        if msg is None:
            continue
        assert msg.error() is None, msg.error()
        received[msg.value()] = msg.partition()
    assert received == sent

    consumer.commit(asynchronous=False)
    partitions = [TopicPartition(topic, p) for p in range(3)]
    assert [tp.offset for tp in consumer.committed(partitions, timeout=10)] == [34, 33, 33]
    consumer.close()

    # Read back by another client, through the group coordinator rather than the consumer's own view.
    result = kafka_admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(group, partitions)])
    committed = result[group].result(timeout=30).topic_partitions
    assert sorted((tp.partition, tp.offset) for tp in committed) == [(0, 34), (1, 33), (2, 33)]
