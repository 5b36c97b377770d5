"""The MSK IAM (OAUTHBEARER) side of the SASL_SSL test listener: scripts/testenv.d/kafka.sh loads the plugin of
tests/kafka-broker, which verifies MSK IAM tokens the way MSK does (spec msk-connect-and-aws.md §3.2: base64url
without padding of a SigV4-presigned `https://kafka.<region>.amazonaws.com/?Action=kafka-cluster%3AConnect...`,
§4 for SigV4). sluice's MSK IAM support is tested end to end against this listener, so here the listener itself
is proven with an independent signer, AWS's aws-msk-iam-sasl-signer-python, used by confluent-kafka's own
librdkafka through `oauth_cb`.

Every refusal test also finds the broker's stated reason in its log (the plugin logs the token's unsigned
User-Agent with its verdict, and each test tags its tokens with a unique one), so a token is shown refused for the
reason under test and not by accident.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import time
import uuid
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import pytest
from aws_msk_iam_sasl_signer import MSKAuthTokenProvider
from confluent_kafka import KafkaError, Producer

from conftest import read_env_file
from sluice_process import wait_until

AMZ_DATE = "%Y%m%dT%H%M%SZ"
SIGNER_USER_AGENT_PREFIX = "aws-msk-iam-sasl-signer-python/"


@pytest.fixture(scope="module")
def msk(testenv) -> dict[str, str]:
    values = read_env_file(testenv.env_file)
    needed = ["KAFKA_MSK_IAM_BOOTSTRAP_SERVERS", "KAFKA_MSK_IAM_REGION", "KAFKA_CA_PEM",
              "KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID", "KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY",
              "KAFKA_MSK_IAM_TEMP_SESSION_TOKEN", "SLUICE_TESTENV_RUN_DIR"]
    missing = [k for k in needed if not values.get(k)]
    if missing:
        pytest.fail(f"{testenv.env_file} lacks {', '.join(missing)}: restart the test servers "
                    "(`scripts/testenv down && scripts/testenv up`; the MSK IAM listener came with a later "
                    "scripts/testenv.d/kafka.sh)")
    return {k: values[k] for k in needed}


@pytest.fixture
def aws_env(testenv, monkeypatch) -> Callable[..., None]:
    """aws_env(key, secret, session_token=None): the environment credentials AWS's signer reads (its default
    chain), nothing else that could override them."""

    def set_env(key: str, secret: str, session_token: str | None = None) -> None:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN",
                     "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                     "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("AWS_CONFIG_FILE", "/dev/null")
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", key)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
        if session_token is not None:
            monkeypatch.setenv("AWS_SESSION_TOKEN", session_token)

    set_env(testenv.aws_access_key_id, testenv.aws_secret_access_key)
    return set_env


# --- tokens --------------------------------------------------------------------------------------------------


def token_url(token: str) -> str:
    assert "=" not in token, token  # base64url without padding (§3.2 step 4)
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()


def url_token(url: str) -> str:
    return base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")


def with_user_agent(token: str, user_agent: str) -> str:
    """The same token with another User-Agent: it is appended after signing and not signed (§3.2 step 3)."""
    base, _, query = token_url(token).partition("?")
    pairs = [p for p in query.split("&") if not p.startswith("User-Agent=")]
    return url_token(f"{base}?{'&'.join(pairs)}&User-Agent={quote(user_agent, safe='-_.~')}")


def aws_signer_token(region: str) -> tuple[str, float]:
    """A token from AWS's signer with the environment's credentials; expiry in seconds, as oauth_cb wants."""
    token, expiry_ms = MSKAuthTokenProvider.generate_auth_token(region)
    return token, expiry_ms / 1000


def presign(region: str, key: str, secret: str, *, session_token: str | None = None,
            when: datetime.datetime | None = None, expires: int = 900, service: str = "kafka-cluster",
            action: str = "kafka-cluster:Connect", user_agent: str = "sluice-tests/hand-signed") -> tuple[str, float]:
    """A token signed here by hand, after §4.1 and §4.5 (presign, payload SHA-256 of ""), so single facts can be
    made wrong. The control test below shows its faithful form is accepted."""
    # X-Amz-Date has whole seconds, and the expiry counts from it.
    when = (when or datetime.datetime.now(datetime.timezone.utc)).replace(microsecond=0)
    amz_date = when.strftime(AMZ_DATE)
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    host = f"kafka.{region}.amazonaws.com"
    params = {"Action": action, "X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{key}/{scope}",
              "X-Amz-Date": amz_date, "X-Amz-Expires": str(expires), "X-Amz-SignedHeaders": "host"}
    if session_token is not None:
        params["X-Amz-Security-Token"] = session_token
    query = "&".join(sorted(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in params.items()))
    canonical = f"GET\n/\n{query}\nhost:{host}\n\nhost\n{hashlib.sha256(b'').hexdigest()}"
    to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signing_key = ("AWS4" + secret).encode()
    for part in (amz_date[:8], region, service, "aws4_request"):
        signing_key = hmac.new(signing_key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    url = (f"https://{host}/?{query}&X-Amz-Signature={signature}"
           f"&User-Agent={quote(user_agent, safe='-_.~')}")
    return url_token(url), when.timestamp() + expires


# --- the broker's side ---------------------------------------------------------------------------------------


class BrokerLog:
    """The test broker's log from the moment this object is made on."""

    def __init__(self, run_dir: str):
        self.path = Path(run_dir) / "kafka" / "kafka.log"
        self.start = self.path.stat().st_size

    def lines(self) -> list[str]:
        with self.path.open("rb") as f:
            f.seek(self.start)
            return f.read().decode(errors="replace").splitlines()

    def verdicts(self, user_agent: str) -> list[str]:
        """The plugin's log lines about tokens with this User-Agent."""
        return [line for line in self.lines() if "MSK IAM token" in line and f"User-Agent {user_agent})" in line]


def tag() -> str:
    return f"sluice-tests/{uuid.uuid4().hex[:12]}"


def oauth_client(msk: dict[str, str], make_token: Callable[[], tuple[str, float]], *, calls: list | None = None,
                 errors: list | None = None, **extra) -> dict[str, object]:
    """librdkafka properties for MSK IAM over the SASL_SSL listener; make_token() -> (token, expiry seconds)."""

    def oauth_cb(_config: str) -> tuple[str, float, str]:
        token, expiry = make_token()
        if calls is not None:
            calls.append(token)
        # The principal a client reports is ignored by MSK (§3.2); librdkafka wants a non-empty one.
        return token, expiry, "sluice-tests"

    conf = {
        "bootstrap.servers": msk["KAFKA_MSK_IAM_BOOTSTRAP_SERVERS"],
        "security.protocol": "SASL_SSL",
        "sasl.mechanism": "OAUTHBEARER",
        "ssl.ca.location": msk["KAFKA_CA_PEM"],
        "oauth_cb": oauth_cb,
    }
    if errors is not None:
        conf["error_cb"] = errors.append
    conf.update(extra)
    return conf


def assert_refused(msk: dict[str, str], make_token: Callable[[], tuple[str, float]], user_agent: str,
                   reason: str) -> None:
    """A producer with this token gets an authentication error within seconds, and the broker logged `reason`
    for the token tagged with `user_agent`."""
    log = BrokerLog(msk["SLUICE_TESTENV_RUN_DIR"])
    errors: list[KafkaError] = []
    producer = Producer(oauth_client(msk, make_token, errors=errors, **{"reconnect.backoff.ms": 1000}))
    deadline = time.monotonic() + 15
    while not errors and time.monotonic() < deadline:
        producer.poll(0.1)
    assert errors, "no error reported within 15 s"
    assert errors[0].code() == KafkaError._AUTHENTICATION, errors
    # The broker's OAUTHBEARER error answer (RFC 7628 §3.2.2), as the plugin set it.
    assert 'SASL authentication error: {"status":"invalid_token"}' in errors[0].str(), errors[0].str()
    verdicts = wait_until(lambda: log.verdicts(user_agent), 5, 0.1, what=f"the broker's verdict on {user_agent}")
    assert all("MSK IAM token refused" in v for v in verdicts), verdicts
    assert reason in verdicts[0], verdicts[0]


# --- accepted ------------------------------------------------------------------------------------------------


def test_aws_signer_tokens_produce_and_consume(testenv, msk, aws_env, make_topic, kafka_producer, kafka_consumer,
                                               unique_name):
    region = msk["KAFKA_MSK_IAM_REGION"]
    log = BrokerLog(msk["SLUICE_TESTENV_RUN_DIR"])
    topic = make_topic()
    producer_calls: list[str] = []
    producer = kafka_producer(oauth_client(msk, lambda: aws_signer_token(region), calls=producer_calls))
    for i in range(5):
        producer.produce(topic, key=b"k", value=f"over-msk-iam-{i}".encode())
    assert producer.flush(30) == 0

    consumer = kafka_consumer(unique_name("msk-iam"), oauth_client(msk, lambda: aws_signer_token(region)))
    consumer.subscribe([topic])
    values: list[bytes] = []

    def read() -> bool:
        message = consumer.poll(1.0)
        if message is not None:
            assert message.error() is None, message.error()
            values.append(message.value())
        return len(values) == 5

    wait_until(read, 30, 0, what="five records over MSK IAM")
    assert values == [f"over-msk-iam-{i}".encode() for i in range(5)]

    # The tokens really came from AWS's signer, for the regional host (§3.2 step 1).
    url = token_url(producer_calls[0])
    assert url.startswith(f"https://kafka.{region}.amazonaws.com/?"), url
    assert f"&User-Agent={quote(SIGNER_USER_AGENT_PREFIX, safe='-_.~')}" in url, url
    # The broker verified them, and took the access key id as the principal.
    accepted = [line for line in log.lines() if "MSK IAM token accepted for access key "
                f"{testenv.aws_access_key_id} (User-Agent {SIGNER_USER_AGENT_PREFIX}" in line]
    assert len(accepted) >= 2, log.lines()[-20:]


def test_hand_signed_token_is_accepted_with_its_expiry(msk, aws_env, testenv):
    """The control case of the hand signer used for the refusals below."""
    user_agent = tag()
    log = BrokerLog(msk["SLUICE_TESTENV_RUN_DIR"])
    when = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    token, expiry = presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id, testenv.aws_secret_access_key,
                            when=when, expires=600, user_agent=user_agent)
    producer = Producer(oauth_client(msk, lambda: (token, expiry)))
    assert producer.list_topics(timeout=15).orig_broker_id == 1
    verdicts = wait_until(lambda: log.verdicts(user_agent), 5, 0.1, what="the broker's verdict")
    until = (when + datetime.timedelta(seconds=600)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f"accepted for access key {testenv.aws_access_key_id} (User-Agent {user_agent}), valid until {until}" \
        in verdicts[0], verdicts


def test_temporary_credentials_with_their_session_token(msk, aws_env):
    """AWS's signer with a session token in the environment: X-Amz-Security-Token is signed in the query, and its
    '+', '/' and '=' are percent-encoded (§4.5)."""
    aws_env(msk["KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID"], msk["KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY"],
            msk["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"])
    user_agent = tag()
    log = BrokerLog(msk["SLUICE_TESTENV_RUN_DIR"])
    calls: list[str] = []

    def make() -> tuple[str, float]:
        token, expiry = aws_signer_token(msk["KAFKA_MSK_IAM_REGION"])
        return with_user_agent(token, user_agent), expiry

    producer = Producer(oauth_client(msk, make, calls=calls))
    assert producer.list_topics(timeout=15).orig_broker_id == 1
    assert f"X-Amz-Security-Token={quote(msk['KAFKA_MSK_IAM_TEMP_SESSION_TOKEN'], safe='-_.~')}&" in \
        token_url(calls[0])
    verdicts = wait_until(lambda: log.verdicts(user_agent), 5, 0.1, what="the broker's verdict")
    assert f"accepted for access key {msk['KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID']} " in verdicts[0], verdicts


def test_session_ends_with_the_token_and_the_client_reauthenticates(msk, aws_env, testenv, make_topic):
    """The broker takes the token's expiry as the session lifetime (connections.max.reauth.ms is set on the
    listener, as MSK bounds sessions by token lifetime): with 6-second tokens, librdkafka re-authenticates its open
    connections (KIP-368) with fresh tokens before each session ends, and producing goes on across the expiry.

    librdkafka is told each token expires 2 s early, so it fetches the next one (at 80 % of that) well before it
    re-authenticates; otherwise it may re-authenticate with a token that has a fraction of a second left and then
    trip over its own immediate second re-authentication (ILLEGAL_SASL_STATE), a client quirk of tiny lifetimes."""
    user_agent = tag()
    log = BrokerLog(msk["SLUICE_TESTENV_RUN_DIR"])
    topic = make_topic()
    calls: list[str] = []
    errors: list[KafkaError] = []

    def make() -> tuple[str, float]:
        token, expiry = presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id,
                                testenv.aws_secret_access_key, expires=6, user_agent=user_agent)
        return token, expiry - 2

    producer = Producer(oauth_client(msk, make, calls=calls, errors=errors))
    producer.produce(topic, b"before")
    assert producer.flush(15) == 0
    first_expiry = time.time() + 6
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        producer.poll(0.2)
    assert time.time() > first_expiry
    producer.produce(topic, b"after")
    assert producer.flush(15) == 0
    assert errors == [], errors
    assert len(calls) >= 2, calls
    verdicts = log.verdicts(user_agent)
    assert all("accepted" in v for v in verdicts), verdicts
    # A session was renewed with a later token: more than one expiry was accepted.
    expiries = {v.split("valid until ")[1].split()[0] for v in verdicts}
    assert len(expiries) >= 2, verdicts


# --- refused -------------------------------------------------------------------------------------------------


def test_wrong_secret_is_refused(msk, aws_env, testenv):
    aws_env(testenv.aws_access_key_id, testenv.aws_secret_access_key + "-wrong")
    user_agent = tag()
    assert_refused(msk, lambda: (with_user_agent(aws_signer_token(msk["KAFKA_MSK_IAM_REGION"])[0], user_agent),
                                 time.time() + 900),
                   user_agent, "signature does not match")


def test_unknown_access_key_is_refused(msk, aws_env, testenv):
    aws_env("sluice-test-nobody", testenv.aws_secret_access_key)
    user_agent = tag()
    assert_refused(msk, lambda: (with_user_agent(aws_signer_token(msk["KAFKA_MSK_IAM_REGION"])[0], user_agent),
                                 time.time() + 900),
                   user_agent, f"(access key sluice-test-nobody, User-Agent {user_agent}): unknown access key id")


def test_token_for_another_region_is_refused(msk, aws_env):
    user_agent = tag()
    assert_refused(msk, lambda: (with_user_agent(aws_signer_token("eu-west-1")[0], user_agent), time.time() + 900),
                   user_agent, f"URL does not start with https://kafka.{msk['KAFKA_MSK_IAM_REGION']}.amazonaws.com/? "
                               "but with https://kafka.eu-west-1.amazonaws.com/?")


def test_token_for_another_service_is_refused(msk, testenv):
    user_agent = tag()
    assert_refused(msk, lambda: presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id,
                                        testenv.aws_secret_access_key, service="s3", user_agent=user_agent),
                   user_agent, "credential scope service s3 is not kafka-cluster")


def test_expired_token_is_refused(msk, testenv):
    user_agent = tag()
    signed_at = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
    token, _ = presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id, testenv.aws_secret_access_key,
                       when=signed_at, user_agent=user_agent)
    # librdkafka refuses to hand over a token it knows has expired, so it is told a later expiry: the broker is
    # what is under test.
    assert_refused(msk, lambda: (token, time.time() + 900), user_agent, "token expired at ")


def test_token_dated_in_the_future_is_refused(msk, testenv):
    user_agent = tag()
    signed_at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=10)
    assert_refused(msk, lambda: presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id,
                                        testenv.aws_secret_access_key, when=signed_at, user_agent=user_agent),
                   user_agent, "s in the future")


def test_token_lasting_longer_than_msk_allows_is_refused(msk, testenv):
    user_agent = tag()
    assert_refused(msk, lambda: presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id,
                                        testenv.aws_secret_access_key, expires=3600, user_agent=user_agent),
                   user_agent, "X-Amz-Expires '3600' is not 1..900")


def test_other_action_is_refused(msk, testenv):
    user_agent = tag()
    assert_refused(msk, lambda: presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id,
                                        testenv.aws_secret_access_key, action="kafka-cluster:WriteData",
                                        user_agent=user_agent),
                   user_agent, "Action is 'kafka-cluster:WriteData', not kafka-cluster:Connect")


def test_temporary_key_without_or_with_a_wrong_session_token_is_refused(msk):
    region, key, secret = (msk["KAFKA_MSK_IAM_REGION"], msk["KAFKA_MSK_IAM_TEMP_ACCESS_KEY_ID"],
                           msk["KAFKA_MSK_IAM_TEMP_SECRET_ACCESS_KEY"])
    user_agent = tag()
    assert_refused(msk, lambda: presign(region, key, secret, user_agent=user_agent), user_agent,
                   "X-Amz-Security-Token missing for a temporary key")
    user_agent = tag()
    assert_refused(msk, lambda: presign(region, key, secret, session_token=msk["KAFKA_MSK_IAM_TEMP_SESSION_TOKEN"]
                                        + "x", user_agent=user_agent),
                   user_agent, "X-Amz-Security-Token does not match the key's session token")


def test_signed_parameter_altered_after_signing_is_refused(msk, testenv):
    """Only User-Agent may change after signing: a longer X-Amz-Expires breaks the signature."""
    user_agent = tag()
    token, expiry = presign(msk["KAFKA_MSK_IAM_REGION"], testenv.aws_access_key_id, testenv.aws_secret_access_key,
                            expires=300, user_agent=user_agent)
    forged = url_token(token_url(token).replace("X-Amz-Expires=300&", "X-Amz-Expires=900&"))
    assert forged != token
    assert_refused(msk, lambda: (forged, expiry), user_agent, "signature does not match")
