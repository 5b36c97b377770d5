package dev.sluice.testbroker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an MSK IAM OAUTHBEARER token the way an MSK broker does: the token is base64url (no padding) of
 * a SigV4-presigned URL {@code https://kafka.<region>.amazonaws.com/?Action=kafka-cluster%3AConnect&...}
 * (spec msk-connect-and-aws.md §3.2, §4). The signature is recomputed with the secret of a known access key
 * and compared in constant time. Kafka-free on purpose, so the rules read in one place; the Kafka glue is
 * {@link MskIamValidatorCallbackHandler}, which owns one instance per listener.
 */
final class MskIamTokenVerifier {
    static final String SERVICE = "kafka-cluster";
    static final String ACTION = "kafka-cluster:Connect";
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    // The parameters a presign must carry; the signature and the unsigned User-Agent are handled apart.
    private static final List<String> REQUIRED = List.of("Action", "X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** A key pair the broker accepts; sessionToken is null for a long-term key. */
    record Credential(String secretAccessKey, String sessionToken) {}

    /** What a valid token proves: who signed it and until when it may be used. */
    record Verified(String accessKeyId, long startMs, long expiryMs) {}

    /** A refused token; the message says why and never holds a secret. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final String accessKeyId;

        Rejected(String accessKeyId, String reason) {
            super(reason);
            this.accessKeyId = accessKeyId;
        }
    }

    private final String region;
    private final String host;
    private final Map<String, Credential> credentials;
    private final long maxExpiresSeconds;
    private final long clockSkewSeconds;
    private final Clock clock;

    MskIamTokenVerifier(String region, Map<String, Credential> credentials, long maxExpiresSeconds,
            long clockSkewSeconds, Clock clock) {
        this.region = region;
        this.host = "kafka." + region + ".amazonaws.com";
        this.credentials = Map.copyOf(credentials);
        this.maxExpiresSeconds = maxExpiresSeconds;
        this.clockSkewSeconds = clockSkewSeconds;
        this.clock = clock;
    }

    Verified verify(String token) throws Rejected {
        if (token == null || token.isEmpty() || !token.matches("[A-Za-z0-9_-]+")) {
            throw new Rejected(null, "token is not base64url without padding");
        }
        String url;
        try {
            url = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Rejected(null, "token is not valid base64url");
        }
        String prefix = "https://" + host + "/?";
        if (!url.startsWith(prefix)) {
            // Say what came instead, cut before the query (which holds the signature).
            int q = url.indexOf('?');
            String head = q >= 0 ? url.substring(0, q + 1) : url;
            throw new Rejected(null, "URL does not start with " + prefix + " but with "
                    + head.substring(0, Math.min(head.length(), 120)));
        }
        Map<String, String> params = parseQuery(url.substring(prefix.length()));
        for (String name : REQUIRED) {
            if (!params.containsKey(name)) {
                throw new Rejected(null, "missing query parameter " + name);
            }
        }
        String[] scope = params.get("X-Amz-Credential").split("/", -1);
        String accessKeyId = scope[0];
        if (scope.length != 5 || accessKeyId.isEmpty()) {
            throw new Rejected(null, "X-Amz-Credential is not <key>/<date>/<region>/<service>/aws4_request");
        }
        if (!ACTION.equals(params.get("Action"))) {
            throw new Rejected(accessKeyId, "Action is '" + params.get("Action") + "', not " + ACTION);
        }
        if (!ALGORITHM.equals(params.get("X-Amz-Algorithm"))) {
            throw new Rejected(accessKeyId, "X-Amz-Algorithm is not " + ALGORITHM);
        }
        if (!"host".equals(params.get("X-Amz-SignedHeaders"))) {
            throw new Rejected(accessKeyId, "X-Amz-SignedHeaders is '" + params.get("X-Amz-SignedHeaders")
                    + "', not host");
        }
        String amzDate = params.get("X-Amz-Date");
        long startMs;
        try {
            startMs = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Rejected(accessKeyId, "X-Amz-Date '" + amzDate + "' is not yyyyMMddTHHmmssZ");
        }
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw new Rejected(accessKeyId, "credential scope date " + scope[1] + " is not the day of X-Amz-Date "
                    + amzDate);
        }
        if (!region.equals(scope[2])) {
            throw new Rejected(accessKeyId, "credential scope region " + scope[2] + " is not " + region);
        }
        if (!SERVICE.equals(scope[3])) {
            throw new Rejected(accessKeyId, "credential scope service " + scope[3] + " is not " + SERVICE);
        }
        if (!"aws4_request".equals(scope[4])) {
            throw new Rejected(accessKeyId, "credential scope does not end in aws4_request");
        }
        String expires = params.get("X-Amz-Expires");
        if (!expires.matches("[0-9]{1,9}") || Long.parseLong(expires) < 1
                || Long.parseLong(expires) > maxExpiresSeconds) {
            throw new Rejected(accessKeyId, "X-Amz-Expires '" + expires + "' is not 1.." + maxExpiresSeconds);
        }
        long expiryMs = startMs + Long.parseLong(expires) * 1000;
        long nowMs = clock.millis();
        if (expiryMs <= nowMs) {
            throw new Rejected(accessKeyId, "token expired at " + amzDate + " + " + expires + " s, "
                    + (nowMs - expiryMs) / 1000 + " s ago");
        }
        if (startMs > nowMs + clockSkewSeconds * 1000) {
            throw new Rejected(accessKeyId, "X-Amz-Date " + amzDate + " is more than " + clockSkewSeconds
                    + " s in the future");
        }
        Credential credential = credentials.get(accessKeyId);
        if (credential == null) {
            throw new Rejected(accessKeyId, "unknown access key id");
        }
        String sessionToken = params.get("X-Amz-Security-Token");
        if (credential.sessionToken() == null && sessionToken != null) {
            throw new Rejected(accessKeyId, "X-Amz-Security-Token given for a long-term access key");
        }
        if (credential.sessionToken() != null && (sessionToken == null
                || !MessageDigest.isEqual(utf8(sessionToken), utf8(credential.sessionToken())))) {
            throw new Rejected(accessKeyId, sessionToken == null ? "X-Amz-Security-Token missing for a temporary key"
                    : "X-Amz-Security-Token does not match the key's session token");
        }
        String expected = signature(params, amzDate, scope[1], credential.secretAccessKey());
        if (!MessageDigest.isEqual(utf8(expected), utf8(params.get("X-Amz-Signature")))) {
            throw new Rejected(accessKeyId, "signature does not match (wrong secret, or the signed URL was altered)");
        }
        return new Verified(accessKeyId, startMs, expiryMs);
    }

    /**
     * The token's User-Agent parameter for log lines (best effort, printable ASCII, at most 100 characters, "-"
     * when there is none): it is unsigned and not secret, and lets a test find the broker's verdict on its token.
     */
    static String userAgentOf(String token) {
        try {
            String url = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int q = url.indexOf('?');
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith("User-Agent=")) {
                    String ua = decode(pair.substring("User-Agent=".length())).replaceAll("[^\\x20-\\x7e]", "?");
                    return ua.substring(0, Math.min(ua.length(), 100));
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | Rejected e) {
            // not a URL we can read: no User-Agent to show
        }
        return "-";
    }

    /**
     * Splits a query into decoded name -> value. '+' decodes to a space, as AWS front ends read queries, so a
     * signer that leaves '+' of a session token unencoded fails here as it would on AWS. A repeated name is
     * refused rather than guessed at.
     */
    private static Map<String, String> parseQuery(String query) throws Rejected {
        if (query.indexOf('#') >= 0) {
            throw new Rejected(null, "URL has a fragment");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = decode(eq >= 0 ? pair.substring(eq + 1) : "");
            if (name.isEmpty()) {
                throw new Rejected(null, "query has an empty parameter name");
            }
            if (params.put(name, value) != null) {
                throw new Rejected(null, "query parameter " + name + " appears twice");
            }
        }
        return params;
    }

    private static String decode(String s) throws Rejected {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new Rejected(null, "query has a truncated %-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Rejected(null, "query has an invalid %-escape");
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                out[n++] = ' ';
            } else if (c < 0x21 || c > 0x7e) {
                throw new Rejected(null, "query has a character that must be %-encoded");
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** SigV4 strict URI encoding (§4.2): unreserved bytes as they are, every other byte %XX in upper case. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The SigV4 presign signature of GET https://<host>/?<params> (§4.1), lower-case hex. */
    String signature(Map<String, String> params, String amzDate, String day, String secret) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("X-Amz-Signature") || e.getKey().equals("User-Agent")) {
                continue;  // the signature cannot sign itself; User-Agent is appended after signing (§3.2)
            }
            pairs.add(encode(e.getKey()) + "=" + encode(e.getValue()));
        }
        pairs.sort(null);  // names are unique, so sorting "name=value" sorts by encoded name
        String canonicalRequest = "GET\n/\n" + String.join("&", pairs) + "\nhost:" + host + "\n\nhost\n"
                + EMPTY_SHA256;
        String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(utf8(canonicalRequest)));
        byte[] key = hmac(utf8("AWS4" + secret), day);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
