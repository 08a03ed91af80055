package io.tokenbroker.devissuer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;

/**
 * Checks DPoP proofs as RFC 9449 section 4.3 asks a server to, written independently of the
 * broker's own proof code: one well-formed JWS, typ {@code dpop+jwt}, an asymmetric alg, a public
 * (and only public) {@code jwk} that verifies the signature, a jti never seen before, htm and htu
 * matching the request (htu compared after normalisation, without query and fragment), iat within
 * a minute of now, the expected nonce, and for resource requests {@code ath} matching the token.
 */
public class DevDpopVerifier {

    static final Duration IAT_WINDOW = Duration.ofSeconds(60);
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final Clock clock;
    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();

    public DevDpopVerifier(Clock clock) {
        this.clock = clock;
    }

    /** A verified proof: the thumbprint of its key and the nonce it carried (null when none). */
    public record Verified(String jkt, String nonce) {
    }

    /** A proof that fails a check, with the reason. */
    public static class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param accessToken the token presented with the proof (resource requests), null at the token endpoint
     */
    public Verified verify(String proof, String method, String url, String accessToken) throws Invalid {
        JsonWebSignature jws;
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(proof);
            if (!(structure instanceof JsonWebSignature signature)) {
                throw new Invalid("The DPoP proof is not a JWS.");
            }
            jws = signature;
        } catch (Invalid e) {
            throw e;
        } catch (Exception e) {
            throw new Invalid("The DPoP proof is not a well-formed JWT.");
        }
        if (!"dpop+jwt".equals(jws.getHeader("typ"))) {
            throw new Invalid("The DPoP proof typ header must be dpop+jwt.");
        }
        String jkt = verifySignature(jws);
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (Exception e) {
            throw new Invalid("The DPoP proof claims are malformed.");
        }
        checkClaims(claims, method, url, accessToken);
        return new Verified(jkt, claims.getClaimValueAsString("nonce"));
    }

    private static String verifySignature(JsonWebSignature jws) throws Invalid {
        Object jwk = jws.getHeaders().getObjectHeaderValue("jwk");
        if (!(jwk instanceof Map<?, ?> members)) {
            throw new Invalid("The DPoP proof must carry the public key in its jwk header.");
        }
        if (members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new Invalid("The DPoP proof jwk header must not contain private key material.");
        }
        try {
            @SuppressWarnings("unchecked")
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) members);
            jws.setAlgorithmConstraints(ASYMMETRIC);
            jws.setKey(key.getPublicKey());
            if (!jws.verifySignature()) {
                throw new Invalid("The DPoP proof signature is invalid.");
            }
            return key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Invalid e) {
            throw e;
        } catch (Exception e) {
            throw new Invalid("The DPoP proof signature cannot be verified (" + e.getClass().getSimpleName() + ").");
        }
    }

    private void checkClaims(JwtClaims claims, String method, String url, String accessToken) throws Invalid {
        String jti = claims.getClaimValueAsString("jti");
        if (jti == null || jti.isBlank()) {
            throw new Invalid("The DPoP proof must have a jti claim.");
        }
        if (!method.equals(claims.getClaimValueAsString("htm"))) {
            throw new Invalid("The DPoP proof htm claim does not match the request method.");
        }
        String htu = claims.getClaimValueAsString("htu");
        if (htu == null || !comparable(htu).equals(comparable(url))) {
            throw new Invalid("The DPoP proof htu claim does not match the request URL.");
        }
        Object iat = claims.getClaimValue("iat");
        if (!(iat instanceof Number seconds)) {
            throw new Invalid("The DPoP proof must have a numeric iat claim.");
        }
        Instant issued = Instant.ofEpochSecond(seconds.longValue());
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(IAT_WINDOW)) || issued.isAfter(now.plus(IAT_WINDOW))) {
            throw new Invalid("The DPoP proof iat is outside the acceptable window.");
        }
        if (accessToken != null && !ath(accessToken).equals(claims.getClaimValueAsString("ath"))) {
            throw new Invalid("The DPoP proof ath claim does not match the access token.");
        }
        seenJtis.values().removeIf(seen -> seen.isBefore(now.minus(IAT_WINDOW.multipliedBy(2))));
        if (seenJtis.putIfAbsent(jti, issued) != null) {
            throw new Invalid("The DPoP proof jti has already been used.");
        }
    }

    /** Syntax- and scheme-based normalisation (RFC 3986 6.2.2, 6.2.3), query and fragment dropped. */
    static String comparable(String url) throws Invalid {
        try {
            URI uri = URI.create(url).normalize();
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
        } catch (RuntimeException e) {
            throw new Invalid("The DPoP proof htu claim is not a URL.");
        }
    }

    static String ath(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
