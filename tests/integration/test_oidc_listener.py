"""The OIDC listener of the test broker (scripts/testenv.d/kafka.sh, SASL_PLAINTEXT on KAFKA_OIDC_BOOTSTRAP_SERVERS):
OAUTHBEARER with standard JWTs (KIP-768) checked by Kafka's own OAuthBearerValidatorCallbackHandler against a JWKS
file, and the local token endpoint of oidc_server.py. sluice's translation of the Java OIDC client settings
(sasl.login.callback.handler.class=...OAuthBearerLoginCallbackHandler, sasl.oauthbearer.token.endpoint.url,
clientId/clientSecret/scope) to librdkafka's `sasl.oauthbearer.method=oidc` is tested end to end against both, so
here they are proven with an independent client, confluent-kafka's own librdkafka: its built-in OIDC token
fetching for the accepted path, tokens handed in through `oauth_cb` for the refusals.

Every refusal also finds the broker's stated reason in its log (the validator logs each refused token's claims,
whose jti is unique, or the whole token when the signature fails), so a token is shown refused for the reason
under test and not by accident.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable
from urllib.parse import quote_plus

import pytest
from confluent_kafka import KafkaError, Producer

from conftest import read_env_file
from oidc_server import OidcSettings, OidcTokenServer, TokenIssuer, jwt_parts, new_private_key
from sluice_process import wait_until


@pytest.fixture(scope="module")
def oidc(testenv) -> OidcSettings:
    return OidcSettings.from_env_file(testenv.env_file)


@pytest.fixture(scope="module")
def run_dir(testenv) -> str:
    return read_env_file(testenv.env_file)["SLUICE_TESTENV_RUN_DIR"]


def oidc_client(oidc: OidcSettings, server: OidcTokenServer, *, errors: list | None = None, **extra) -> dict:
    """librdkafka properties for the OIDC listener, tokens fetched by librdkafka itself from `server`."""
    conf = {
        "bootstrap.servers": oidc.bootstrap_servers,
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "OAUTHBEARER",
        "sasl.oauthbearer.method": "oidc",
        "sasl.oauthbearer.client.id": server.client_id,
        "sasl.oauthbearer.client.secret": server.client_secret,
        "sasl.oauthbearer.token.endpoint.url": server.url,
    }
    if errors is not None:
        conf["error_cb"] = errors.append
    conf.update(extra)
    return conf


def token_client(oidc: OidcSettings, make_token: Callable[[], tuple[str, float]], *, errors: list | None = None,
                 **extra) -> dict:
    """librdkafka properties for the OIDC listener with tokens from make_token() -> (token, expiry seconds)."""

    def oauth_cb(_config: str) -> tuple[str, float, str]:
        token, expiry = make_token()
        return token, expiry, jwt_parts(token)[1].get("sub", "sluice-tests")

    conf = {
        "bootstrap.servers": oidc.bootstrap_servers,
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "OAUTHBEARER",
        "oauth_cb": oauth_cb,
    }
    if errors is not None:
        conf["error_cb"] = errors.append
    conf.update(extra)
    return conf


class BrokerLog:
    """The test broker's log from the moment this object is made on."""

    def __init__(self, run_dir: str):
        self.path = Path(run_dir) / "kafka" / "kafka.log"
        self.start = self.path.stat().st_size

    def lines(self) -> list[str]:
        with self.path.open("rb") as f:
            f.seek(self.start)
            return f.read().decode(errors="replace").splitlines()

    def verdicts(self, token: str) -> list[str]:
        """The validator's log lines (WARN) about this token: they quote its claims (with the unique jti) or,
        when the signature is wrong, the token itself."""
        jti = jwt_parts(token)[1]["jti"]
        payload = token.split(".")[1]
        return [line for line in self.lines() if "WARN Could not validate the access token" in line
                and (f'"jti":"{jti}"' in line or payload in line)]


def assert_refused(oidc: OidcSettings, run_dir: str, token: str, reason: str) -> None:
    """A producer with this token gets an authentication error within seconds, and the broker logged `reason`
    for it. librdkafka is told the token lasts 5 more minutes whatever it says: the broker is under test."""
    log = BrokerLog(run_dir)
    errors: list[KafkaError] = []
    producer = Producer(token_client(oidc, lambda: (token, time.time() + 300), errors=errors,
                                     **{"reconnect.backoff.ms": 1000}))
    deadline = time.monotonic() + 10
    while not errors and time.monotonic() < deadline:
        producer.poll(0.1)
    assert errors, "no error reported within 10 s"
    assert errors[0].code() == KafkaError._AUTHENTICATION, errors
    # The broker's OAUTHBEARER error answer (RFC 7628 §3.2.2).
    assert 'SASL authentication error: {"status":"invalid_token"}' in errors[0].str(), errors[0].str()
    verdicts = wait_until(lambda: log.verdicts(token), 5, 0.1, what="the broker's verdict")
    assert reason in verdicts[0], verdicts[0]


# --- the token endpoint on its own ---------------------------------------------------------------------------


def post_token(server: OidcTokenServer, body: str, authorization: str | None) -> tuple[int, dict]:
    request = urllib.request.Request(server.url, data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    if authorization is not None:
        request.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_token_endpoint_issues_signed_tokens_for_the_client(oidc, oidc_token_server):
    server = oidc_token_server
    server.set_lifetime(120)
    before = int(time.time())
    status, answer = post_token(server, "grant_type=client_credentials&scope=kafka%20read",
                                basic(server.client_id, server.client_secret))
    assert status == 200, answer
    assert answer["token_type"] == "bearer"
    assert answer["expires_in"] == 120
    assert answer["scope"] == "kafka read"
    header, claims = jwt_parts(answer["access_token"])
    assert header == {"alg": "RS256", "typ": "JWT", "kid": oidc.key_id}
    assert claims["iss"] == oidc.issuer
    assert claims["aud"] == oidc.audience
    assert claims["sub"] == server.client_id
    assert claims["scope"] == "kafka read"
    assert before <= claims["iat"] <= time.time()
    assert claims["exp"] - claims["iat"] == 120
    assert server.token_requests() == 1
    assert server.requests[0].client_auth == "basic"
    assert server.requests[0].form == {"grant_type": ["client_credentials"], "scope": ["kafka read"]}


def test_token_endpoint_client_authentication(oidc):
    """RFC 6749 §2.3.1: Basic with the id and secret form-urlencoded, or as they are (what librdkafka and Java's
    client send by default), or client_secret_post; anything else is 401 invalid_client (§5.2)."""
    secret = "s3cret/with spaces+plus:colon"
    encoded = quote_plus(secret)  # s3cret%2Fwith+spaces%2Bplus%3Acolon
    server = OidcTokenServer(oidc, client_id="svc.sluice", client_secret=secret).start()
    grant = "grant_type=client_credentials"
    try:
        assert post_token(server, grant, basic("svc.sluice", encoded))[0] == 200
        assert post_token(server, grant, basic("svc.sluice", secret))[0] == 200
        assert post_token(server, f"{grant}&client_id=svc.sluice&client_secret={encoded}", None)[0] == 200
        assert post_token(server, grant, basic("svc.sluice", "wrong")) == (401, {"error": "invalid_client"})
        assert post_token(server, grant, basic("other", secret)) == (401, {"error": "invalid_client"})
        assert post_token(server, grant, None) == (401, {"error": "invalid_client"})
        assert post_token(server, "grant_type=password", basic("svc.sluice", secret)) \
            == (400, {"error": "unsupported_grant_type"})
        assert [r.client_auth for r in server.requests] == ["basic-urlencoded", "basic", "post", None, None, None,
                                                            "basic"]
        assert [r.client_id for r in server.requests] == ["svc.sluice"] * 4 + ["other", None, "svc.sluice"]
        assert server.token_requests() == 3
        server.set_failure(503)
        assert post_token(server, grant, basic("svc.sluice", secret)) == (503, {"error": "temporarily_unavailable"})
        server.set_failure(None)
        assert post_token(server, grant, basic("svc.sluice", secret))[0] == 200
    finally:
        server.stop()


# --- accepted ------------------------------------------------------------------------------------------------


def test_librdkafka_oidc_produces_and_consumes(oidc, oidc_token_server, make_topic, kafka_producer,
                                              kafka_consumer, unique_name):
    server = oidc_token_server
    topic = make_topic()
    errors: list[KafkaError] = []
    producer = kafka_producer(oidc_client(oidc, server, errors=errors, **{"sasl.oauthbearer.scope": "kafka"}))
    for i in range(5):
        producer.produce(topic, key=b"k", value=f"over-oidc-{i}".encode())
    assert producer.flush(30) == 0

    consumer = kafka_consumer(unique_name("oidc"), oidc_client(oidc, server, errors=errors))
    consumer.subscribe([topic])
    values: list[bytes] = []

    def read() -> bool:
        message = consumer.poll(1.0)
        if message is not None:
            assert message.error() is None, message.error()
            values.append(message.value())
        return len(values) == 5

    wait_until(read, 30, 0, what="five records over OIDC")
    assert values == [f"over-oidc-{i}".encode() for i in range(5)]
    assert errors == [], errors

    # What librdkafka sent the token endpoint: the client credentials grant, the scope, Basic authentication.
    requests = server.requests
    assert len(requests) == 2, requests  # one token per client
    assert all(r.status == 200 and r.method == "POST" and r.path == "/token" for r in requests), requests
    assert [r.form for r in requests] == [{"grant_type": ["client_credentials"], "scope": ["kafka"]},
                                          {"grant_type": ["client_credentials"]}]
    assert requests[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert all(r.client_auth == "basic" and r.client_id == server.client_id for r in requests), requests


def test_oidc_with_sasl_extensions(oidc, oidc_token_server):
    """sasl.oauthbearer.extensions go in the SASL message (RFC 7628 §3.1), not to the token endpoint; Kafka's
    validator accepts any."""
    errors: list[KafkaError] = []
    extensions = "logicalCluster=lkc-sluice,identityPoolId=pool-1"
    producer = Producer(oidc_client(oidc, oidc_token_server, errors=errors,
                                    **{"sasl.oauthbearer.extensions": extensions}))
    assert producer.list_topics(timeout=15).orig_broker_id == 1
    assert errors == [], errors
    assert "logicalCluster" not in oidc_token_server.requests[0].body


def test_short_tokens_are_refreshed_and_sessions_reauthenticated(oidc, oidc_token_server, make_topic):
    """The broker ends a session when its token expires (connections.max.reauth.ms is set on the listener):
    with 12-second tokens librdkafka fetches new ones (at 80 % of the lifetime) and re-authenticates (KIP-368,
    at 90 % of the session the broker granted), and producing goes on across the first token's expiry.

    Not much shorter: with OIDC librdkafka takes the expiry from the token (no way to tell it an earlier one, as
    test_msk_iam_listener.py does through oauth_cb), and the fetch leads the re-authentication by only 10 % of the
    lifetime. With 8-second tokens that lead (under a second) was sometimes lost, librdkafka re-authenticated
    with the old token's last fraction of a second and then failed its immediate second re-authentication
    ("Request not valid in current SASL state"), a client quirk of tiny lifetimes."""
    server = oidc_token_server
    server.set_lifetime(12)
    topic = make_topic()
    errors: list[KafkaError] = []
    producer = Producer(oidc_client(oidc, server, errors=errors))
    producer.produce(topic, b"before")
    assert producer.flush(15) == 0
    first_exp = jwt_parts(server.issued_tokens()[0])[1]["exp"]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and time.time() < first_exp + 1:
        producer.poll(0.2)
    assert time.time() > first_exp
    producer.produce(topic, b"after")
    assert producer.flush(15) == 0
    assert errors == [], errors
    assert server.token_requests() >= 2, server.requests


def test_wrong_client_secret_gets_no_token(oidc, oidc_token_server):
    server = oidc_token_server
    errors: list[KafkaError] = []
    producer = Producer(oidc_client(oidc, server, errors=errors,
                                    **{"sasl.oauthbearer.client.secret": server.client_secret + "-wrong"}))
    deadline = time.monotonic() + 10
    while not errors and time.monotonic() < deadline:
        producer.poll(0.1)
    assert errors, "no error reported within 10 s"
    assert server.requests and all(r.status == 401 and r.client_id == server.client_id for r in server.requests), \
        server.requests
    assert server.token_requests() == 0
    # librdkafka reports the endpoint's error body as an authentication error without contacting the broker.
    assert errors[0].code() == KafkaError._AUTHENTICATION, errors
    assert errors[0].str() == 'Failed to acquire SASL OAUTHBEARER token: {"error": "invalid_client"}', errors


# --- refused -------------------------------------------------------------------------------------------------


def test_control_token_from_the_issuer_is_accepted(oidc):
    """The control case of the hand-made tokens used for the refusals below."""
    token, expiry = TokenIssuer(oidc).token("sluice-control")
    errors: list[KafkaError] = []
    producer = Producer(token_client(oidc, lambda: (token, expiry), errors=errors))
    assert producer.list_topics(timeout=15).orig_broker_id == 1
    assert errors == [], errors


def test_token_signed_by_another_key_is_refused(oidc, run_dir):
    token, _ = TokenIssuer(oidc).token("sluice-intruder", key=new_private_key())
    assert_refused(oidc, run_dir, token, "JWT rejected due to invalid signature")


def test_token_with_an_unknown_key_id_is_refused(oidc, run_dir):
    token, _ = TokenIssuer(oidc).token("sluice-intruder", key=new_private_key(), kid="sluice-unknown-key")
    assert_refused(oidc, run_dir, token, 'Unable to find a suitable verification key for JWS w/ header '
                                         '{"alg":"RS256","typ":"JWT","kid":"sluice-unknown-key"}')


def test_token_for_another_audience_is_refused(oidc, run_dir):
    token, _ = TokenIssuer(oidc).token("sluice-tests", audience="some-other-cluster")
    assert_refused(oidc, run_dir, token, "Audience (aud) claim [some-other-cluster] doesn't contain an acceptable "
                                         f"identifier. Expected {oidc.audience} as an aud value.")


def test_token_from_another_issuer_is_refused(oidc, run_dir):
    token, _ = TokenIssuer(oidc).token("sluice-tests", issuer="https://idp.example.com")
    assert_refused(oidc, run_dir, token, "Issuer (iss) claim value (https://idp.example.com) doesn't match expected "
                                         f"value of {oidc.issuer}")


def test_expired_token_is_refused(oidc, run_dir):
    # Expired two minutes ago, beyond the broker's 30 s of clock skew.
    token, _ = TokenIssuer(oidc).token("sluice-tests", issued_at=time.time() - 420, lifetime=300)
    assert_refused(oidc, run_dir, token, "The JWT is no longer valid")
