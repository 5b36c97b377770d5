"""The test servers themselves: what the sink's integration tests rely on them to do.

If one of these fails, fix scripts/testenv (or the choice of server) before reading anything into a failing
end-to-end test.
"""

from __future__ import annotations

import base64
import json
import struct
import time
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError
from confluent_kafka import ConsumerGroupTopicPartitions, TopicPartition
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient, SchemaRegistryError
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import read_env_file

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


# --- Schema Registry -----------------------------------------------------------------------------------------
# Two registries (Confluent Schema Registry 7.7.8), each keeping its schemas in a topic of the test broker: one
# open, one behind HTTP basic auth. Subjects made here are unique per test and deleted afterwards.

SR_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"
AVRO_RECORD = {"type": "record", "name": "Reading", "namespace": "sluice.test",
               "fields": [{"name": "sensor", "type": "string"}, {"name": "value", "type": "double"}]}


@pytest.fixture(scope="module")
def registries(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["SCHEMA_REGISTRY_URL", "SCHEMA_REGISTRY_AUTH_URL", "SCHEMA_REGISTRY_USER_INFO"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: rerun `scripts/testenv up` (the schema "
                    "registries came with a later scripts/testenv)")
    return {k: values[k] for k in needed}


def sr_call(method: str, url: str, body: object = None, user_info: str | None = None) -> tuple[int, object]:
    """One REST call to a registry: (HTTP status, decoded JSON body)."""
    request = urllib.request.Request(url, method=method, headers={"Accept": SR_CONTENT_TYPE})
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", SR_CONTENT_TYPE)
    if user_info is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(user_info.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


@pytest.fixture
def sr_subject(registries, unique_name):
    """Factory: sr_subject(url, user_info=None, name=None) -> a subject name (a fresh one unless given), deleted
    (soft, then hard) from that registry after the test."""
    made: list[tuple[str, str, str | None]] = []

    def make(url: str, user_info: str | None = None, name: str | None = None) -> str:
        subject = name or unique_name("subject") + "-value"
        made.append((url, subject, user_info))
        return subject

    yield make
    for url, subject, user_info in made:
        sr_call("DELETE", f"{url}/subjects/{subject}", user_info=user_info)
        sr_call("DELETE", f"{url}/subjects/{subject}?permanent=true", user_info=user_info)


@pytest.mark.parametrize("which", ["open", "basic-auth"])
def test_schema_registry_registers_and_serves_avro_schema(registries, sr_subject, which):
    url, user_info = ((registries["SCHEMA_REGISTRY_URL"], None) if which == "open" else
                      (registries["SCHEMA_REGISTRY_AUTH_URL"], registries["SCHEMA_REGISTRY_USER_INFO"]))
    subject = sr_subject(url, user_info)

    status, body = sr_call("GET", f"{url}/v1/metadata/version", user_info=user_info)
    assert status == 200 and body["version"] == "7.7.8"

    status, body = sr_call("POST", f"{url}/subjects/{subject}/versions", {"schema": json.dumps(AVRO_RECORD)},
                           user_info)
    assert status == 200, body
    schema_id = body["id"]
    assert isinstance(schema_id, int) and schema_id > 0
    # The same schema again: the same id, no new version.
    assert sr_call("POST", f"{url}/subjects/{subject}/versions", {"schema": json.dumps(AVRO_RECORD)},
                   user_info) == (200, {"id": schema_id})

    status, body = sr_call("GET", f"{url}/schemas/ids/{schema_id}", user_info=user_info)
    assert status == 200, body
    assert json.loads(body["schema"]) == AVRO_RECORD
    assert body.get("schemaType", "AVRO") == "AVRO"

    status, body = sr_call("GET", f"{url}/subjects/{subject}/versions/latest", user_info=user_info)
    assert status == 200, body
    assert (body["subject"], body["version"], body["id"]) == (subject, 1, schema_id)
    assert json.loads(body["schema"]) == AVRO_RECORD

    status, body = sr_call("GET", f"{url}/subjects", user_info=user_info)
    assert status == 200 and subject in body


def test_schema_registry_serves_json_and_protobuf_schemas(registries, sr_subject):
    url = registries["SCHEMA_REGISTRY_URL"]
    status, types = sr_call("GET", f"{url}/schemas/types")
    assert status == 200 and {"AVRO", "JSON", "PROTOBUF"} <= set(types)

    schemas = {
        "JSON": json.dumps({"type": "object", "properties": {"sensor": {"type": "string"}}}),
        "PROTOBUF": 'syntax = "proto3";\npackage sluice.test;\n\nmessage Reading {\n  string sensor = 1;\n}\n',
    }
    for schema_type, text in schemas.items():
        subject = sr_subject(url)
        status, body = sr_call("POST", f"{url}/subjects/{subject}/versions",
                               {"schemaType": schema_type, "schema": text})
        assert status == 200, (schema_type, body)
        status, body = sr_call("GET", f"{url}/schemas/ids/{body['id']}")
        assert status == 200 and body["schemaType"] == schema_type, body


def test_schema_registry_with_basic_auth_refuses_missing_or_wrong_credentials(registries):
    url = registries["SCHEMA_REGISTRY_AUTH_URL"]
    user, _, password = registries["SCHEMA_REGISTRY_USER_INFO"].partition(":")
    unauthorized = (401, {"error_code": 401, "message": "Unauthorized"})

    for path in ("/subjects", "/schemas/types", "/v1/metadata/version"):
        assert sr_call("GET", url + path) == unauthorized, path
        assert sr_call("GET", url + path, user_info=f"{user}:{password}-wrong") == unauthorized, path
        assert sr_call("GET", url + path, user_info=f"someone-else:{password}") == unauthorized, path
        assert sr_call("GET", url + path, user_info=f"{user}:{password}")[0] == 200, path
    assert sr_call("POST", f"{url}/subjects/never-registered-value/versions",
                   {"schema": json.dumps(AVRO_RECORD)}) == unauthorized


@pytest.mark.parametrize("which", ["open", "basic-auth"])
def test_schema_registry_client_of_confluent_kafka(registries, sr_subject, unique_name, which):
    """confluent-kafka's own SchemaRegistryClient and Avro serializer, as test producers will use them."""
    conf = {"url": registries["SCHEMA_REGISTRY_URL"]}
    if which == "basic-auth":
        conf = {"url": registries["SCHEMA_REGISTRY_AUTH_URL"],
                "basic.auth.user.info": registries["SCHEMA_REGISTRY_USER_INFO"]}
    user_info = conf.get("basic.auth.user.info")
    subject = sr_subject(conf["url"], user_info)

    with SchemaRegistryClient(conf) as client:
        schema_id = client.register_schema(subject, Schema(json.dumps(AVRO_RECORD), "AVRO"))
        assert json.loads(client.get_schema(schema_id).schema_str) == AVRO_RECORD
        latest = client.get_latest_version(subject)
        assert (latest.subject, latest.version, latest.schema_id) == (subject, 1, schema_id)
        assert subject in client.get_subjects()

        # Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro body. The
        # serializer registers the schema under the topic's value subject; the registry gives the same schema the
        # same id in every subject.
        topic = unique_name("topic")
        value_subject = sr_subject(conf["url"], user_info, name=f"{topic}-value")
        context = SerializationContext(topic, MessageField.VALUE)
        record = {"sensor": "s-1", "value": 21.5}
        data = AvroSerializer(client, json.dumps(AVRO_RECORD))(record, context)
        assert struct.unpack(">bI", data[:5]) == (0, schema_id)
        assert client.get_latest_version(value_subject).schema_id == schema_id
        assert AvroDeserializer(client)(data, context) == record

    if which == "basic-auth":
        with SchemaRegistryClient({"url": conf["url"], "max.retries": 0}) as anonymous:
            with pytest.raises(SchemaRegistryError) as refused:
                anonymous.get_subjects()
            assert refused.value.http_status_code == 401
