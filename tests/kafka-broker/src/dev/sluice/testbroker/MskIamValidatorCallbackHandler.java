package dev.sluice.testbroker;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side OAUTHBEARER callback handler of the sluice test broker: accepts MSK IAM tokens (SigV4-presigned
 * {@code kafka-cluster:Connect} URLs) checked by {@link MskIamTokenVerifier}, so MSK IAM clients are tested
 * against a broker that really verifies them. Kafka creates one per listener and mechanism from
 * {@code listener.name.<l>.oauthbearer.sasl.server.callback.handler.class}; its options come from that
 * listener's OAuthBearerLoginModule JAAS entry:
 * <pre>
 *   region="us-east-1"                       the only region accepted (host and credential scope)
 *   awsSecret_&lt;AKID&gt;="&lt;secret&gt;"              a known access key (any number of them)
 *   awsSessionToken_&lt;AKID&gt;="&lt;token&gt;"        makes that key temporary: tokens must carry this session token
 *   awsSessionSeconds_&lt;AKID&gt;="&lt;n&gt;"          sessions of that key end n seconds after login at the latest,
 *                                            as sessions signed by temporary credentials end with them
 *   maxExpiresSeconds="900"                  largest X-Amz-Expires accepted (MSK tokens last 900 s)
 *   clockSkewSeconds="300"                   how far X-Amz-Date may be ahead of the broker's clock
 * </pre>
 * A valid token becomes a session whose principal is the access key id and whose lifetime is the token's
 * expiry (or the key's session cap, if sooner), so {@code connections.max.reauth.ms} bounds sessions by the token
 * as MSK does: clients re-authenticate (KIP-368) or are disconnected.
 */
public final class MskIamValidatorCallbackHandler implements AuthenticateCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(MskIamValidatorCallbackHandler.class);
    private static final String SECRET_PREFIX = "awsSecret_";
    private static final String SESSION_TOKEN_PREFIX = "awsSessionToken_";
    private static final String SESSION_SECONDS_PREFIX = "awsSessionSeconds_";

    private MskIamTokenVerifier verifier;
    private final Map<String, Long> sessionSeconds = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism,
            List<AppConfigurationEntry> jaasConfigEntries) {
        if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(saslMechanism)) {
            throw new IllegalArgumentException(
                    "MskIamValidatorCallbackHandler serves OAUTHBEARER, not " + saslMechanism);
        }
        if (jaasConfigEntries.size() != 1) {
            throw new IllegalArgumentException("expected one JAAS entry, got " + jaasConfigEntries.size());
        }
        Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
        String region = option(options, "region", null);
        if (region == null || !region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("JAAS option region=\"<aws region>\" is required");
        }
        Map<String, String> secrets = new HashMap<>();
        Map<String, String> sessionTokens = new HashMap<>();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            if (e.getKey().startsWith(SECRET_PREFIX)) {
                secrets.put(e.getKey().substring(SECRET_PREFIX.length()), String.valueOf(e.getValue()));
            } else if (e.getKey().startsWith(SESSION_TOKEN_PREFIX)) {
                sessionTokens.put(e.getKey().substring(SESSION_TOKEN_PREFIX.length()), String.valueOf(e.getValue()));
            } else if (e.getKey().startsWith(SESSION_SECONDS_PREFIX)) {
                sessionSeconds.put(e.getKey().substring(SESSION_SECONDS_PREFIX.length()),
                        Long.parseLong(String.valueOf(e.getValue())));
            }
        }
        for (String akid : sessionTokens.keySet()) {
            if (!secrets.containsKey(akid)) {
                throw new IllegalArgumentException(SESSION_TOKEN_PREFIX + akid + " without " + SECRET_PREFIX + akid);
            }
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no access key configured (JAAS options " + SECRET_PREFIX + "<AKID>)");
        }
        Map<String, MskIamTokenVerifier.Credential> credentials = new HashMap<>();
        secrets.forEach((akid, secret) ->
                credentials.put(akid, new MskIamTokenVerifier.Credential(secret, sessionTokens.get(akid))));
        long maxExpires = Long.parseLong(option(options, "maxExpiresSeconds", "900"));
        long skew = Long.parseLong(option(options, "clockSkewSeconds", "300"));
        verifier = new MskIamTokenVerifier(region, credentials, maxExpires, skew, Clock.systemUTC());
        // Key ids are not secrets; the secrets and session tokens are never logged.
        log.info("MSK IAM token validation for region {}: access keys {} (temporary: {}), X-Amz-Expires <= {} s, "
                + "clock skew {} s", region, credentials.keySet(), sessionTokens.keySet(), maxExpires, skew);
    }

    private static String option(Map<String, ?> options, String name, String fallback) {
        Object value = options.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerValidatorCallback validation) {
                validate(validation);
            } else if (callback instanceof OAuthBearerExtensionsValidatorCallback extensions) {
                // MSK IAM defines no SASL extensions: none is validated, so any a client sends is dropped.
                if (!extensions.inputExtensions().map().isEmpty()) {
                    log.info("ignoring OAUTHBEARER extensions {}", extensions.inputExtensions().map().keySet());
                }
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private void validate(OAuthBearerValidatorCallback callback) {
        String value = callback.tokenValue();
        MskIamTokenVerifier.Verified verified;
        try {
            verified = verifier.verify(value);
        } catch (MskIamTokenVerifier.Rejected e) {
            log.warn("MSK IAM token refused (access key {}, User-Agent {}): {}",
                    e.accessKeyId == null ? "unknown" : e.accessKeyId, MskIamTokenVerifier.userAgentOf(value),
                    e.getMessage());
            callback.error("invalid_token", null, null);
            return;
        }
        Long cap = sessionSeconds.get(verified.accessKeyId());
        long lifetimeMs = cap == null ? verified.expiryMs()
                : Math.min(verified.expiryMs(), System.currentTimeMillis() + cap * 1000);
        log.info("MSK IAM token accepted for access key {} (User-Agent {}), valid until {}, session until {}",
                verified.accessKeyId(), MskIamTokenVerifier.userAgentOf(value),
                Instant.ofEpochMilli(verified.expiryMs()), Instant.ofEpochMilli(lifetimeMs));
        callback.token(new OAuthBearerToken() {
            @Override
            public String value() {
                return value;
            }

            @Override
            public Set<String> scope() {
                return Set.of();
            }

            @Override
            public long lifetimeMs() {
                return lifetimeMs;
            }

            @Override
            public String principalName() {
                return verified.accessKeyId();
            }

            @Override
            public Long startTimeMs() {
                return verified.startMs();
            }
        });
    }

    @Override
    public void close() {}
}
