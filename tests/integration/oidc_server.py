"""A local OAuth 2.0 token endpoint and JWT signer for the OIDC listener of the test broker.

scripts/testenv.d/kafka.sh runs a SASL_PLAINTEXT listener (KAFKA_OIDC_BOOTSTRAP_SERVERS) that takes OAUTHBEARER
tokens the way Kafka's KIP-768 support does: RS256 JWTs, checked by Kafka's own validator against a JWKS file made
from the key in KAFKA_OIDC_SIGNING_KEY_PEM, with the key id KAFKA_OIDC_KEY_ID in their header and iss/aud exactly
KAFKA_OIDC_ISSUER/KAFKA_OIDC_AUDIENCE. This module issues such tokens:

* TokenIssuer signs tokens directly (each fact can be made wrong: another key, kid, issuer, audience, expiry), for
  clients handed a token through librdkafka's oauth_cb.
* OidcTokenServer is the identity provider's token endpoint for clients that fetch tokens themselves, as
  librdkafka's `sasl.oauthbearer.method=oidc` and Java's OAuthBearerLoginCallbackHandler do: the client credentials
  grant (RFC 6749 §4.4), `POST /token` with a form body `grant_type=client_credentials[&scope=...]` and the client
  authenticated by HTTP Basic (RFC 6749 §2.3.1: client id and secret form-urlencoded, then joined by ':' and
  base64'd; the unencoded form is accepted too, since librdkafka and Java's client by default send them as they
  are) or by client_id/client_secret in the body (client_secret_post). Every request is recorded.

conftest.py offers a fresh server per test as the fixture `oidc_token_server`:

    def test_something(oidc_token_server):
        conf = {"sasl.oauthbearer.method": "oidc",
                "sasl.oauthbearer.token.endpoint.url": oidc_token_server.url,
                "sasl.oauthbearer.client.id": oidc_token_server.client_id,
                "sasl.oauthbearer.client.secret": oidc_token_server.client_secret, ...}
        ...
        assert oidc_token_server.token_requests() >= 1

The fixture reads the broker's settings from build/testenv.env (conftest.py's `testenv`).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote_plus

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from conftest import read_env_file

# --- JWTs ----------------------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    """base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_private_key(path: str | Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey), f"{path} does not hold an RSA key"
    return key


def new_private_key() -> rsa.RSAPrivateKey:
    """A fresh RSA key the broker has never seen (not in its JWKS)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def sign_jwt(claims: dict[str, Any], key: rsa.RSAPrivateKey, kid: str | None) -> str:
    """A compact JWS (RFC 7515 §7.1) of these claims: RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3)."""
    header: dict[str, Any] = {"alg": "RS256", "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                     b64url(json.dumps(claims, separators=(",", ":")).encode()))
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64url(signature)


def jwt_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of a compact JWS, not verified: for assertions about what was issued."""
    header, payload, _ = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload))


@dataclasses.dataclass(frozen=True)
class OidcSettings:
    """What build/testenv.env says about the OIDC listener."""

    bootstrap_servers: str
    signing_key_pem: Path
    key_id: str
    issuer: str
    audience: str

    @classmethod
    def from_env_file(cls, env_file: Path) -> "OidcSettings":
        values = read_env_file(env_file)
        needed = ["KAFKA_OIDC_BOOTSTRAP_SERVERS", "KAFKA_OIDC_SIGNING_KEY_PEM", "KAFKA_OIDC_KEY_ID",
                  "KAFKA_OIDC_ISSUER", "KAFKA_OIDC_AUDIENCE"]
        missing = [k for k in needed if not values.get(k)]
        if missing:
            pytest.fail(f"{env_file} lacks {', '.join(missing)}: restart the test servers "
                        "(`scripts/testenv down && scripts/testenv up`; the OIDC listener came with a later "
                        "scripts/testenv.d/kafka.sh)")
        return cls(bootstrap_servers=values["KAFKA_OIDC_BOOTSTRAP_SERVERS"],
                   signing_key_pem=Path(values["KAFKA_OIDC_SIGNING_KEY_PEM"]),
                   key_id=values["KAFKA_OIDC_KEY_ID"], issuer=values["KAFKA_OIDC_ISSUER"],
                   audience=values["KAFKA_OIDC_AUDIENCE"])


_DEFAULT = object()  # "as the broker expects" for TokenIssuer.token's overridable facts


class TokenIssuer:
    """Signs tokens the OIDC listener accepts unless told to get a fact wrong."""

    def __init__(self, settings: OidcSettings):
        self.settings = settings
        self.key = load_private_key(settings.signing_key_pem)

    def claims(self, subject: str, *, lifetime: float = 300, issued_at: float | None = None,
               scope: str | None = None, issuer: Any = _DEFAULT, audience: Any = _DEFAULT,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """iss, aud, sub, iat, exp (whole seconds, RFC 7519 NumericDate), a unique jti, scope when given.
        issuer/audience None leave the claim out."""
        now = int(issued_at if issued_at is not None else time.time())
        claims: dict[str, Any] = {}
        iss = self.settings.issuer if issuer is _DEFAULT else issuer
        aud = self.settings.audience if audience is _DEFAULT else audience
        if iss is not None:
            claims["iss"] = iss
        if aud is not None:
            claims["aud"] = aud
        claims.update({"sub": subject, "iat": now, "exp": now + int(lifetime), "jti": uuid.uuid4().hex})
        if scope is not None:
            claims["scope"] = scope
        claims.update(extra or {})
        return claims

    def token(self, subject: str, *, key: rsa.RSAPrivateKey | None = None, kid: Any = _DEFAULT,
              **claim_options) -> tuple[str, float]:
        """(token, exp in seconds since the epoch), as librdkafka's oauth_cb returns them (with a principal)."""
        claims = self.claims(subject, **claim_options)
        token = sign_jwt(claims, key or self.key, self.settings.key_id if kid is _DEFAULT else kid)
        return token, float(claims["exp"])


# --- the token endpoint --------------------------------------------------------------------------------------


@dataclasses.dataclass
class TokenRequest:
    """One request the endpoint received, and what it answered."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: str
    form: dict[str, list[str]]
    # How the client authenticated: "basic" (raw id:secret), "basic-urlencoded" (RFC 6749 §2.3.1 encoding made a
    # difference), "post" (client_secret_post), or None (no or wrong credentials).
    client_auth: str | None
    client_id: str | None  # as the client presented it, decoded
    status: int
    token: str | None  # the access token issued, if any


class OidcTokenServer:
    """An OAuth 2.0 token endpoint on a free loopback port, serving the client credentials grant with RS256 JWTs
    signed by the test broker's key (sub = the client id). Thread-safe; start() and stop() it, or use the
    `oidc_token_server` fixture."""

    def __init__(self, settings: OidcSettings, *, client_id: str = "sluice-oidc-client",
                 client_secret: str = "sluice-oidc-test-secret", lifetime: float = 300):
        self.settings = settings
        self.issuer = TokenIssuer(settings)
        self.client_id = client_id
        self.client_secret = client_secret
        self._lock = threading.Lock()
        self._lifetime = lifetime
        self._failure: tuple[int, dict[str, Any]] | None = None
        self._extra_claims: dict[str, Any] = {}
        self._requests: list[TokenRequest] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control --

    def start(self) -> "OidcTokenServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                server._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                server._handle(self)

            def log_message(self, *_args) -> None:  # keep pytest's output clean; requests are recorded instead
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="oidc-token-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def port(self) -> int:
        assert self._httpd is not None, "not started"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The token endpoint, for sasl.oauthbearer.token.endpoint.url."""
        return f"http://127.0.0.1:{self.port}/token"

    def set_lifetime(self, seconds: float) -> None:
        """Lifetime (expires_in and exp - iat) of tokens issued from now on."""
        with self._lock:
            self._lifetime = seconds

    def set_failure(self, status: int | None, error: str = "temporarily_unavailable") -> None:
        """Answer every request with this status and {"error": error} until set_failure(None)."""
        with self._lock:
            self._failure = None if status is None else (status, {"error": error})

    def set_extra_claims(self, claims: dict[str, Any]) -> None:
        """Claims added to (or replacing those of) every token issued from now on, e.g. {"aud": "other"}."""
        with self._lock:
            self._extra_claims = dict(claims)

    # -- what happened --

    @property
    def requests(self) -> list[TokenRequest]:
        """Every request so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def token_requests(self) -> int:
        """How many tokens were issued."""
        return sum(1 for r in self.requests if r.token is not None)

    def issued_tokens(self) -> list[str]:
        return [r.token for r in self.requests if r.token is not None]

    # -- serving --

    def _authenticate(self, headers: dict[str, str], form: dict[str, list[str]]) -> tuple[str | None, str | None]:
        """(client_auth, presented client id); client_auth None when the credentials are missing or wrong."""
        authorization = headers.get("authorization", "")
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(value.strip(), validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                return None, None
            presented_id, sep, presented_secret = decoded.partition(":")
            if not sep:
                return None, presented_id
            if (presented_id, presented_secret) == (self.client_id, self.client_secret):
                return "basic", presented_id
            decoded_id, decoded_secret = unquote_plus(presented_id), unquote_plus(presented_secret)
            if (decoded_id, decoded_secret) == (self.client_id, self.client_secret):
                return "basic-urlencoded", decoded_id
            return None, decoded_id
        if "client_id" in form:
            presented_id = form["client_id"][0]
            if presented_id == self.client_id and form.get("client_secret", [None])[0] == self.client_secret:
                return "post", presented_id
            return None, presented_id
        return None, None

    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        body = http.rfile.read(length).decode(errors="replace") if length else ""
        headers = {k.lower(): v for k, v in http.headers.items()}
        form = parse_qs(body, keep_blank_values=True)
        with self._lock:
            failure, lifetime, extra = self._failure, self._lifetime, dict(self._extra_claims)
        client_auth, client_id = self._authenticate(headers, form)
        token = None
        answer_headers: dict[str, str] = {}
        if failure is not None:
            status, answer = failure
        elif http.command != "POST" or http.path.split("?")[0] != "/token":
            status, answer = 404, {"error": "not_found"}
        elif client_auth is None:
            # RFC 6749 §5.2: invalid_client with 401, and a challenge when Basic was (or could be) used.
            status, answer = 401, {"error": "invalid_client"}
            answer_headers["WWW-Authenticate"] = 'Basic realm="sluice-oidc-test"'
        elif form.get("grant_type", [""])[0] != "client_credentials":
            status, answer = 400, {"error": "unsupported_grant_type"}
        else:
            scope = form["scope"][0] if form.get("scope") else None
            token, _ = self.issuer.token(self.client_id, lifetime=lifetime, scope=scope, extra=extra)
            status = 200
            answer = {"access_token": token, "token_type": "bearer", "expires_in": int(lifetime)}
            if scope is not None:
                answer["scope"] = scope
        with self._lock:
            self._requests.append(TokenRequest(method=http.command, path=http.path, headers=headers, body=body,
                                               form=form, client_auth=client_auth, client_id=client_id,
                                               status=status, token=token))
        data = json.dumps(answer).encode()
        http.send_response(status)
        http.send_header("Content-Type", "application/json")
        http.send_header("Cache-Control", "no-store")
        for name, value in answer_headers.items():
            http.send_header(name, value)
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        http.wfile.write(data)
