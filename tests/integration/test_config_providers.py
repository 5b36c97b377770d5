"""Config providers end to end: the S3 credentials and other connector values come from Kafka's
FileConfigProvider, DirectoryConfigProvider and EnvVarConfigProvider, and from the AWS providers of
aws-samples/msk-config-providers (SecretsManagerConfigProvider, SsmParamStoreConfigProvider) served by moto's
Secrets Manager and SSM (the documented JSON 1.1 wire protocol, SigV4 signatures checked against an IAM user
moto made). A reference that cannot be resolved stops sluice with exit 2, naming the key and the provider and
printing no secret; a TTL'd value that changes restarts the connector with the new value
(config.action.reload=restart)."""

from __future__ import annotations

import json
import time
import uuid
from types import SimpleNamespace

import boto3
import pytest

from sluice_process import (SluiceProcess, connector_config, json_lines, list_keys, moto_with_iam_user,
                            produce_records, wait_until, worker_config)

MOTO_REGION = "us-east-1"
FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider"
DIRECTORY_PROVIDER = "org.apache.kafka.common.config.provider.DirectoryConfigProvider"
ENV_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider"
SECRETS_MANAGER_PROVIDER = "com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider"
SSM_PROVIDER = "com.amazonaws.kafka.config.providers.SsmParamStoreConfigProvider"


def assert_absent(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"secret {secret[:4]}… leaked:\n" + "\n".join(
            line for line in text.splitlines() if secret in line)


@pytest.fixture(scope="module")
def moto(tmp_path_factory):
    """moto's server checking SigV4 signatures and IAM policies (sluice_process.moto_with_iam_user); the
    secrets and parameters are made with the IAM user's key, which sluice's providers sign with too."""
    with moto_with_iam_user(tmp_path_factory.mktemp("moto"), "provider", MOTO_REGION) as (endpoint, access_key,
                                                                                            secret_key):
        def client(service):
            return boto3.client(service, endpoint_url=endpoint, region_name=MOTO_REGION,
                                aws_access_key_id=access_key, aws_secret_access_key=secret_key)
        yield SimpleNamespace(
            endpoint=endpoint, access_key=access_key, secret_key=secret_key,
            secretsmanager=client("secretsmanager"), ssm=client("ssm"),
            # What sluice's providers sign with: the default chain's environment source.
            env={"AWS_ACCESS_KEY_ID": access_key, "AWS_SECRET_ACCESS_KEY": secret_key,
                 "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_REGION": ""})


def aws_worker(testenv, moto, **extra) -> dict:
    return worker_config(testenv, **{
        "config.providers": "secretsmanager,ssm",
        "config.providers.secretsmanager.class": SECRETS_MANAGER_PROVIDER,
        "config.providers.secretsmanager.param.region": MOTO_REGION,
        "config.providers.secretsmanager.param.endpoint": moto.endpoint,
        "config.providers.ssm.class": SSM_PROVIDER,
        "config.providers.ssm.param.region": MOTO_REGION,
        "config.providers.ssm.param.endpoint": moto.endpoint,
    }, **extra)


def test_file_directory_and_env_providers_supply_the_s3_settings(testenv, s3, make_topic, kafka_producer,
                                                                 unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"v{i}") for i in range(4)])
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    # The S3 secret key from a properties file, the access key id from a file in a directory (a mounted
    # Kubernetes secret: written without a newline, since DirectoryConfigProvider keeps the content as is),
    # the bucket and flush.size from environment variables.
    (secrets / "s3.properties").write_text(f"secret.key={testenv.aws_secret_access_key}\n")
    keydir = secrets / "keys"
    keydir.mkdir()
    (keydir / "access-key-id").write_text(testenv.aws_access_key_id)
    worker = worker_config(testenv, **{
        "config.providers": "file,dir,env",
        "config.providers.file.class": FILE_PROVIDER,
        "config.providers.file.param.allowed.paths": str(secrets),
        "config.providers.dir.class": DIRECTORY_PROVIDER,
        "config.providers.env.class": ENV_PROVIDER,
        "config.providers.env.param.allowlist.pattern": "SLUICE_TEST_.*",
    })
    connector = connector_config(testenv, unique_name("providers"), topic, s3_prefix, **{
        "aws.secret.access.key": f"${{file:{secrets}/s3.properties:secret.key}}",
        "aws.access.key.id": f"${{dir:{keydir}:access-key-id}}",
        "s3.bucket.name": "${env:SLUICE_TEST_BUCKET}",
        "flush.size": "${env::SLUICE_TEST_FLUSH_SIZE}",
    })
    sluice = SluiceProcess(tmp_path / "run", worker, connector, args=["--log-level", "debug"],
                           env={"SLUICE_TEST_BUCKET": testenv.s3_bucket, "SLUICE_TEST_FLUSH_SIZE": "2"})
    validated = sluice.validate()
    assert validated.returncode == 0, validated.stdout + validated.stderr
    sluice.start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 2, 45, what="two objects")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert [json_lines(s3, testenv.s3_bucket, k) for k in keys] == [["v0", "v1"], ["v2", "v3"]]
    assert_absent(sluice.logs() + validated.stdout + validated.stderr, testenv.aws_secret_access_key)


def test_env_provider_allowlist_hides_other_variables(testenv, unique_name, s3_prefix, tmp_path):
    worker = worker_config(testenv, **{
        "config.providers": "env",
        "config.providers.env.class": ENV_PROVIDER,
        "config.providers.env.param.allowlist.pattern": "SLUICE_TEST_.*",
    })
    connector = connector_config(testenv, unique_name("allowlist"), "t", s3_prefix, **{
        "aws.secret.access.key": "${env:OTHER_SECRET}"})
    secret = "OtherSecret-" + uuid.uuid4().hex
    result = SluiceProcess(tmp_path, worker, connector, env={"OTHER_SECRET": secret}).validate()
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Cannot resolve 'aws.secret.access.key': config provider 'env'" in out, out
    assert "has no key 'OTHER_SECRET'" in out, out
    assert_absent(out, secret)


def test_secrets_manager_and_ssm_supply_the_s3_keys(testenv, s3, moto, make_topic, kafka_producer, unique_name,
                                                    s3_prefix, tmp_path):
    topic = make_topic()
    produce_records(kafka_producer(), topic, [(0, f"r{i}") for i in range(3)])
    secret_name = "sluice/" + unique_name("s3")
    # A JSON secret's field (${secretsmanager:<secret>:<field>}) and an SSM SecureString (${ssm::<name>}).
    moto.secretsmanager.create_secret(Name=secret_name, SecretString=json.dumps(
        {"secret_key": testenv.aws_secret_access_key, "other": "x"}))
    param = f"/sluice/{unique_name('p')}/access-key-id"
    moto.ssm.put_parameter(Name=param, Value=testenv.aws_access_key_id, Type="SecureString")
    connector = connector_config(testenv, unique_name("aws-providers"), topic, s3_prefix, **{
        "aws.secret.access.key": f"${{secretsmanager:{secret_name}:secret_key}}",
        "aws.access.key.id": f"${{ssm::{param}}}",
        "flush.size": 3,
    })
    sluice = SluiceProcess(tmp_path, aws_worker(testenv, moto), connector, args=["--log-level", "debug"],
                           env=moto.env)
    validated = sluice.validate()
    assert validated.returncode == 0, validated.stdout + validated.stderr
    sluice.start()
    try:
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 1, 45, what="one object")
    finally:
        assert sluice.stop() == 0, sluice.logs()
    key = list_keys(s3, testenv.s3_bucket, s3_prefix)[0]
    assert json_lines(s3, testenv.s3_bucket, key) == ["r0", "r1", "r2"]
    assert_absent(sluice.logs() + validated.stdout + validated.stderr, testenv.aws_secret_access_key,
                  moto.secret_key)


def test_unresolvable_references_exit_2_naming_key_and_provider(testenv, moto, unique_name, s3_prefix,
                                                                 tmp_path):
    secret_name = "sluice/" + unique_name("partial")
    field_secret = "FieldSecret-" + uuid.uuid4().hex
    moto.secretsmanager.create_secret(Name=secret_name, SecretString=json.dumps({"present": field_secret}))
    connector = connector_config(testenv, unique_name("unresolved"), "t", s3_prefix, **{
        "aws.secret.access.key": f"${{secretsmanager:{secret_name}:absent}}",
        "aws.access.key.id": "${ssm::/sluice/no/such/parameter}",
        "s3.bucket.name": "${vault:secret/data/s3:bucket}",
    })
    sluice = SluiceProcess(tmp_path, aws_worker(testenv, moto), connector, env=moto.env)
    code, logs = sluice.run_until_failure(timeout=60)
    assert code == 2, logs
    assert "Cannot resolve 'aws.secret.access.key': config provider 'secretsmanager'" in logs, logs
    assert f"secret '{secret_name}' has no field 'absent'" in logs, logs
    assert "Cannot resolve 'aws.access.key.id': config provider 'ssm'" in logs, logs
    assert "parameter '/sluice/no/such/parameter' does not exist" in logs, logs
    assert "The value of 's3.bucket.name' refers to config provider 'vault'" in logs, logs
    assert "nothing was started" in logs, logs
    assert_absent(logs, field_secret, moto.secret_key)


def test_wrong_provider_credentials_name_the_status(testenv, moto, unique_name, s3_prefix, tmp_path):
    connector = connector_config(testenv, unique_name("denied"), "t", s3_prefix, **{
        "aws.secret.access.key": "${secretsmanager:whatever:key}"})
    env = dict(moto.env, AWS_SECRET_ACCESS_KEY="wrong-" + uuid.uuid4().hex)
    result = SluiceProcess(tmp_path, aws_worker(testenv, moto), connector, env=env).validate()
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "GetSecretValue for secret 'whatever'" in out and "HTTP 403" in out, out
    assert_absent(out, env["AWS_SECRET_ACCESS_KEY"])


def test_ttl_expiry_with_a_changed_value_restarts_the_connector(testenv, s3, moto, make_topic, kafka_producer,
                                                                unique_name, s3_prefix, tmp_path):
    """flush.size comes from an SSM parameter with ?ttl=2000: changed from 3 to 2 while sluice runs, the next
    objects hold 2 records. With config.action.reload=none the value read at start stays."""
    topic = make_topic()
    param = f"/sluice/{unique_name('ttl')}/flush-size"
    moto.ssm.put_parameter(Name=param, Value="3", Type="String")
    connector = connector_config(testenv, unique_name("ttl"), topic, s3_prefix, **{
        "flush.size": f"${{ssm::{param}?ttl=2000}}"})
    sluice = SluiceProcess(tmp_path, aws_worker(testenv, moto), connector, env=moto.env).start()
    producer = kafka_producer()
    try:
        produce_records(producer, topic, [(0, f"a{i}") for i in range(3)])
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 1, 45, what="first object")
        # Unchanged at the first expiries: no restart.
        wait_until(lambda: "resolved again: unchanged" in sluice.logs(), 20, what="an unchanged refresh")
        moto.ssm.put_parameter(Name=param, Value="2", Type="String", Overwrite=True)
        wait_until(lambda: "stopped for a restart" in sluice.logs(), 30, what="the restart")
        produce_records(producer, topic, [(0, f"b{i}") for i in range(2)])
        wait_until(lambda: len(list_keys(s3, testenv.s3_bucket, s3_prefix)) == 2, 45, what="second object")
        assert sluice.running(), sluice.logs()
    finally:
        assert sluice.stop() == 0, sluice.logs()
    keys = sorted(list_keys(s3, testenv.s3_bucket, s3_prefix))
    assert [json_lines(s3, testenv.s3_bucket, k) for k in keys] == [["a0", "a1", "a2"], ["b0", "b1"]]
    assert sluice.logs().count("starting connector") == 2, sluice.logs()


def test_ttl_with_reload_none_keeps_the_start_values(testenv, moto, make_topic, unique_name, s3_prefix, tmp_path):
    topic = make_topic()
    param = f"/sluice/{unique_name('none')}/flush-size"
    moto.ssm.put_parameter(Name=param, Value="3", Type="String")
    connector = connector_config(testenv, unique_name("none"), topic, s3_prefix, **{
        "flush.size": f"${{ssm::{param}?ttl=1000}}", "config.action.reload": "none"})
    sluice = SluiceProcess(tmp_path, aws_worker(testenv, moto), connector, env=moto.env).start()
    try:
        wait_until(lambda: "starting connector" in sluice.logs(), 30, what="the start")
        moto.ssm.put_parameter(Name=param, Value="2", Type="String", Overwrite=True)
        time.sleep(3)
        assert sluice.running(), sluice.logs()
    finally:
        assert sluice.stop() == 0, sluice.logs()
    logs = sluice.logs()
    assert "config.action.reload=none keeps the values read at start" in logs, logs
    assert logs.count("starting connector") == 1, logs


def test_validate_shows_a_provided_value_as_its_placeholder(testenv, unique_name, s3_prefix, tmp_path):
    """A value from a provider that fails validation is reported with the placeholder as written, never
    with what it resolved to."""
    worker = worker_config(testenv, **{
        "config.providers": "env",
        "config.providers.env.class": ENV_PROVIDER,
    })
    connector = connector_config(testenv, unique_name("masked"), "t", s3_prefix, **{
        "flush.size": "${env:SLUICE_TEST_FLUSH_SIZE}"})
    resolved = "NotANumber" + uuid.uuid4().hex
    result = SluiceProcess(tmp_path, worker, connector, env={"SLUICE_TEST_FLUSH_SIZE": resolved}).validate()
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Invalid value '${env:SLUICE_TEST_FLUSH_SIZE}' for configuration flush.size" in out, out
    assert_absent(out, resolved)
