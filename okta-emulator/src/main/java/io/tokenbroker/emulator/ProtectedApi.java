package io.tokenbroker.emulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A protected API on the Okta domain ({@code /api/...}, like Okta's management API) that accepts the
 * stand-in's access tokens as a resource server must (RFC 9449 sections 7 and 9): a Bearer token with
 * the Bearer scheme only; a DPoP-bound token ({@code cnf.jkt}) only with the DPoP scheme and a proof by
 * the bound key for this method and URL, with {@code ath} and, when required, this server's own nonce.
 * Refusals are 401 with a {@code WWW-Authenticate} challenge.
 */
public final class ProtectedApi {

    private final AuthorizationServer server;
    private final DpopProofCheck proofs;
    private volatile boolean nonceRequired;
    private volatile String nonce = newNonce();

    ProtectedApi(AuthorizationServer server, Clock clock) {
        this.server = server;
        this.proofs = new DpopProofCheck(clock);
    }

    /** Proofs must carry this server's nonce ({@link #rotateNonce()}); otherwise 401 use_dpop_nonce. */
    public void requireNonce(boolean required) {
        this.nonceRequired = required;
    }

    public String rotateNonce() {
        nonce = newNonce();
        return nonce;
    }

    /**
     * @param authorization the Authorization header, null when absent
     * @param proof the DPoP header, null when absent
     */
    OktaAnswer handle(String method, String url, String authorization, String proof, String body) {
        int space = authorization == null ? -1 : authorization.indexOf(' ');
        if (space < 0) {
            return challenge("Bearer", "invalid_request", "An access token is required.");
        }
        String scheme = authorization.substring(0, space);
        String token = authorization.substring(space + 1).strip();
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setVerificationKey(server.signingKey().getPublicKey())
                    .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                    .setExpectedIssuer(server.issuer())
                    .setExpectedAudience(AuthorizationServer.TOKEN_AUDIENCE)
                    .setRequireExpirationTime()
                    .setEvaluationTime(NumericDate.fromMilliseconds(server.now().toEpochMilli()))
                    .build()
                    .processToClaims(token);
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
        DpopProofCheck.Passed passed;
        try {
            passed = proofs.check(proof, method, url, token);
        } catch (DpopProofCheck.Refused e) {
            return challenge("DPoP", "invalid_dpop_proof", e.getMessage());
        }
        if (!jkt.equals(passed.jkt())) {
            return challenge("DPoP", "invalid_token", "The DPoP proof key does not match the key the token is bound to.");
        }
        String current = nonce;
        if (nonceRequired && !current.equals(passed.nonce())) {
            return challenge("DPoP", "use_dpop_nonce", "Resource server requires nonce in DPoP proof.")
                    .withHeader("DPoP-Nonce", current);
        }
        return ok(method, url, claims, body);
    }

    private static String boundKey(JwtClaims claims) {
        return claims.getClaimValue("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt ? jkt : null;
    }

    private static OktaAnswer ok(String method, String url, JwtClaims claims, String body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("method", method);
        answer.put("url", url);
        answer.put("sub", claims.getClaimValue("sub"));
        answer.put("bound", boundKey(claims) != null);
        answer.put("body", body == null ? "" : body);
        return OktaAnswer.json(200, answer);
    }

    private static OktaAnswer challenge(String scheme, String error, String description) {
        return OktaAnswer.error(401, error, description)
                .withHeader("WWW-Authenticate", scheme + " error=\"" + error + "\", error_description=\"" + description + "\"");
    }

    private static String newNonce() {
        return "rs-" + java.util.UUID.randomUUID();
    }
}
