package io.tokenbroker.devissuer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A protected API on the dev issuer's domain (like Okta's own {@code /api/v1/...}) that accepts its
 * access tokens: a Bearer token with the Bearer scheme; a DPoP-bound token ({@code cnf.jkt}) only with
 * the DPoP scheme and a proof by the bound key for this method and URL, with {@code ath} and, when
 * required, this server's own nonce (RFC 9449 sections 7 and 9). Failures are 401 with a
 * {@code WWW-Authenticate} challenge.
 */
public class DevResourceServer {

    private final DevIssuer issuer;
    private final DevDpopVerifier dpop;
    private volatile boolean nonceRequired;
    private volatile String nonce = "rs-" + Long.toHexString(System.nanoTime());

    public DevResourceServer(DevIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.dpop = new DevDpopVerifier(clock);
    }

    /** Proofs must carry this server's nonce ({@link #rotateNonce()}); without it: 401 use_dpop_nonce. */
    public void requireNonce(boolean required) {
        this.nonceRequired = required;
    }

    public String rotateNonce() {
        nonce = "rs-" + Long.toHexString(System.nanoTime());
        return nonce;
    }

    /**
     * @param authorization the Authorization header (null when absent)
     * @param proof the DPoP header (null when absent)
     */
    public DevIssuerAnswer handle(String method, String url, String authorization, String proof, String body) {
        if (authorization == null || !authorization.contains(" ")) {
            return challenge("Bearer", "invalid_request", "An access token is required.");
        }
        String scheme = authorization.substring(0, authorization.indexOf(' '));
        String token = authorization.substring(authorization.indexOf(' ') + 1).strip();
        JwtClaims claims;
        try {
            claims = consumer().processToClaims(token);
        } catch (InvalidJwtException e) {
            return challenge(scheme, "invalid_token", "The access token is invalid or expired.");
        }
        String jkt = boundKey(claims);
        if (jkt == null) {
            return scheme.equalsIgnoreCase("Bearer") ? ok(method, url, claims, body)
                    : challenge("Bearer", "invalid_token", "The access token is not DPoP-bound: use the Bearer scheme.");
        }
        if (!scheme.equalsIgnoreCase("DPoP")) {
            return challenge("DPoP", "invalid_token", "The access token is DPoP-bound: the DPoP scheme and a proof are required.");
        }
        if (proof == null) {
            return challenge("DPoP", "invalid_dpop_proof", "A DPoP proof is required.");
        }
        DevDpopVerifier.Verified verified;
        try {
            verified = dpop.verify(proof, method, url, token);
        } catch (DevDpopVerifier.Invalid e) {
            return challenge("DPoP", "invalid_dpop_proof", e.getMessage());
        }
        if (!jkt.equals(verified.jkt())) {
            return challenge("DPoP", "invalid_token", "The DPoP proof key does not match the key the token is bound to.");
        }
        String current = nonce;
        if (nonceRequired && !current.equals(verified.nonce())) {
            return challenge("DPoP", "use_dpop_nonce", "Resource server requires nonce in DPoP proof.")
                    .withHeader("DPoP-Nonce", current);
        }
        return ok(method, url, claims, body);
    }

    private JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setVerificationKey(issuer.issuerKey().getPublicKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .setExpectedIssuer(issuer.issuer())
                .setExpectedAudience("api://default")
                .setRequireExpirationTime()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(issuer.now().toEpochMilli()))
                .build();
    }

    private static String boundKey(JwtClaims claims) {
        Object cnf = claims.getClaimValue("cnf");
        return cnf instanceof Map<?, ?> members && members.get("jkt") instanceof String jkt ? jkt : null;
    }

    private static DevIssuerAnswer ok(String method, String url, JwtClaims claims, String body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", method);
        answer.put("url", url);
        answer.put("sub", claims.getClaimValue("sub"));
        answer.put("bound", boundKey(claims) != null);
        answer.put("body", body == null ? "" : body);
        return DevIssuerAnswer.json(200, answer);
    }

    private static DevIssuerAnswer challenge(String scheme, String error, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        return DevIssuerAnswer.json(401, answer)
                .withHeader("WWW-Authenticate", scheme + " error=\"" + error + "\", error_description=\"" + description + "\"");
    }
}
