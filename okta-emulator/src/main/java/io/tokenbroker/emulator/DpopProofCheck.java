package io.tokenbroker.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * The proof checks of RFC 9449 section 4.3 as Okta applies them, kept apart from the broker's proof
 * code so a bug there cannot hide here: a JWS with typ {@code dpop+jwt} and an asymmetric alg, signed by
 * the public-only {@code jwk} of its header, a jti not seen before, htm and htu matching the request
 * (htu normalised, query and fragment dropped), iat within a minute, and {@code ath} for resource requests.
 */
final class DpopProofCheck {

    private static final Duration IAT_WINDOW = Duration.ofSeconds(60);
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final Clock clock;
    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();

    DpopProofCheck(Clock clock) {
        this.clock = clock;
    }

    /** A proof that passed: the thumbprint of its key and its nonce (null when it carried none). */
    record Passed(String jkt, String nonce) {
    }

    /** A proof that failed one check; the message is Okta's error_description. */
    static final class Refused extends Exception {
        Refused(String description) {
            super(description, null, false, false);
        }
    }

    /** @param accessToken the token the proof comes with (resource requests); null at the token endpoint */
    Passed check(String proof, String method, String url, String accessToken) throws Refused {
        JsonWebSignature jws = parse(proof);
        if (!"dpop+jwt".equals(jws.getHeader("typ"))) {
            throw new Refused("The DPoP proof typ header must be dpop+jwt.");
        }
        String jkt = verifyWithEmbeddedKey(jws);
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (Exception e) {
            throw new Refused("The DPoP proof claims are malformed.");
        }
        try {
            checkClaims(claims, method, url, accessToken);
        } catch (MalformedClaimException e) {
            throw new Refused("The DPoP proof claims are malformed.");
        }
        return new Passed(jkt, claims.getClaimValueAsString("nonce"));
    }

    private static JsonWebSignature parse(String proof) throws Refused {
        try {
            if (JsonWebStructure.fromCompactSerialization(proof) instanceof JsonWebSignature jws) {
                return jws;
            }
        } catch (JoseException | RuntimeException e) {
            throw new Refused("The DPoP proof is not a well-formed JWT.");
        }
        throw new Refused("The DPoP proof is not a JWS.");
    }

    private static String verifyWithEmbeddedKey(JsonWebSignature jws) throws Refused {
        if (!(jws.getHeaders().getObjectHeaderValue("jwk") instanceof Map<?, ?> members)) {
            throw new Refused("The DPoP proof must carry the public key in its jwk header.");
        }
        if (members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new Refused("The DPoP proof jwk header must not contain private key material.");
        }
        boolean valid;
        PublicJsonWebKey key;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) members;
            key = PublicJsonWebKey.Factory.newPublicJwk(params);
            jws.setAlgorithmConstraints(ASYMMETRIC);
            jws.setKey(key.getPublicKey());
            valid = jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            throw new Refused("The DPoP proof signature cannot be verified (" + e.getClass().getSimpleName() + ").");
        }
        if (!valid) {
            throw new Refused("The DPoP proof signature is invalid.");
        }
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private void checkClaims(JwtClaims claims, String method, String url, String accessToken) throws Refused, MalformedClaimException {
        String jti = claims.getJwtId();
        if (jti == null || jti.isBlank()) {
            throw new Refused("The DPoP proof must have a jti claim.");
        }
        if (!method.equals(claims.getClaimValueAsString("htm"))) {
            throw new Refused("The DPoP proof htm claim does not match the request method.");
        }
        String htu = claims.getClaimValueAsString("htu");
        if (htu == null || !normalised(htu).equals(normalised(url))) {
            throw new Refused("The DPoP proof htu claim does not match the request URL.");
        }
        if (!(claims.getClaimValue("iat") instanceof Number)) {
            throw new Refused("The DPoP proof must have a numeric iat claim.");
        }
        NumericDate iat = claims.getIssuedAt();
        Instant issued = Instant.ofEpochSecond(iat.getValue());
        Instant now = clock.instant();
        if (Duration.between(issued, now).abs().compareTo(IAT_WINDOW) > 0) {
            throw new Refused("The DPoP proof iat is outside the acceptable window.");
        }
        if (accessToken != null && !sha256(accessToken).equals(claims.getClaimValueAsString("ath"))) {
            throw new Refused("The DPoP proof ath claim does not match the access token.");
        }
        // a jti only has to be remembered while a proof carrying it could still pass the iat check
        seenJtis.values().removeIf(seen -> seen.isBefore(now.minus(IAT_WINDOW.multipliedBy(2))));
        if (seenJtis.putIfAbsent(jti, issued) != null) {
            throw new Refused("The DPoP proof jti has already been used.");
        }
    }

    /** RFC 3986 syntax- and scheme-based normalisation (6.2.2, 6.2.3): what RFC 9449 compares htu by. */
    private static String normalised(String url) throws Refused {
        try {
            URI uri = URI.create(url).normalize();
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
        } catch (RuntimeException e) {
            throw new Refused("The DPoP proof htu claim is not a URL.");
        }
    }

    static String sha256(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
