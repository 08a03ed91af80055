package io.tokenbroker.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.tokenbroker.assertion.ClientAssertions;
import io.tokenbroker.assertion.SignedAssertion;
import io.tokenbroker.key.SigningKey;

/** The cost of one refresh's client assertion: the broker's own ClientAssertions.sign, per key type. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssertionSigningBenchmark {

    @Param({ "RS256-2048", "RS256-3072", "ES256" })
    String key;

    private SigningKey signingKey;

    @Setup
    public void generate() throws Exception {
        KeyPair pair;
        String alg;
        if (key.startsWith("RS")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(Integer.parseInt(key.substring(6)));
            pair = generator.generateKeyPair();
            alg = "RS256";
        } else {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            alg = "ES256";
        }
        signingKey = new SigningKey(pair.getPrivate(), pair.getPublic(), "bench", alg, "0oa-bench", "bench");
    }

    @Benchmark
    public SignedAssertion sign() {
        return ClientAssertions.sign(signingKey, "https://example.okta.com/oauth2/v1/token", Instant.now(), Duration.ofMinutes(5));
    }
}
