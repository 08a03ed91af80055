package io.tokenbroker.cli;

import java.io.PrintWriter;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tokenbroker.key.KeyAlgorithms;
import io.tokenbroker.key.KeyPairMaterial;
import io.tokenbroker.key.PrivateKeyParser;

/**
 * {@code keys rotate --vault-path P}: the zero-downtime runbook over KV v2, in its order. 1. a new key
 * is staged at {@code P-next} while the brokers keep signing with P; 2. its public half is registered on
 * the Okta app, next to the old one; 3. P, which the brokers read, is switched to it ({@code client_id}
 * kept) and the staged copy destroyed; 4. (printed) the old key is deactivated after the longest token
 * lifetime. A run that stops after step 1 or 2 leaves the staged key, which the next run finishes
 * rather than staging another; one that stops after the switch leaves only the staged copy to remove.
 * A completed run leaves nothing staged, so the next run rotates again.
 */
final class KvRotation {

    private final VaultAccess vault;
    private final OktaAdmin okta;
    private final PrintWriter out;

    KvRotation(VaultAccess vault, OktaAdmin okta, PrintWriter out) {
        this.vault = vault;
        this.okta = okta;
        this.out = out;
    }

    void rotate(String path, String clientId, String algorithm, Integer bits) throws Exception {
        String stagedPath = path + "-next";
        VaultAccess.Secret live = vault.secret(path).orElseThrow(() -> new CliException(CliException.CONFIGURATION,
                "no key at " + vault.describe(path) + ": use keys generate --vault-path first"));
        Optional<VaultAccess.Secret> staged = vault.secret(stagedPath);
        Optional<Map<String, String>> stagedKey = staged.map(VaultAccess.Secret::data).filter(s -> s.containsKey("private_key"));
        if (stagedKey.isPresent() && stagedKey.get().get("private_key").equals(live.data().get("private_key"))) {
            vault.destroy(stagedPath);
            out.println("1-3. " + stagedKey.get().get("kid") + " is already live at " + vault.describe(path)
                    + " (an earlier run switched to it); its staged copy at " + vault.describe(stagedPath) + " is removed");
            printLastStep(clientId, "<old kid>");
            return;
        }
        Map<String, String> next = stagedKey.orElse(null);
        if (next == null) {
            GeneratedKey key = GeneratedKey.generate(algorithm, bits, null);
            next = Map.of("private_key", key.pkcs8Pem(), "kid", key.kid());
            vault.write(stagedPath, next, staged.map(VaultAccess.Secret::version).orElse(0));
            out.println("1. new key " + key.kid() + " staged at " + vault.describe(stagedPath));
        } else {
            out.println("1. new key " + next.get("kid") + " was staged at " + vault.describe(stagedPath)
                    + " by an earlier run: finishing that rotation");
        }
        String newKid = next.get("kid");
        register(clientId, next.get("private_key"), newKid, algorithm, stagedPath);

        Map<String, String> switched = new LinkedHashMap<>(live.data());
        switched.put("private_key", next.get("private_key"));
        switched.put("kid", newKid);
        vault.write(path, switched, live.version());
        // only now: a crash before this line leaves the staged key for the next run to finish
        vault.destroy(stagedPath);
        String oldKid = live.data().getOrDefault("kid", "<old kid>");
        out.println("3. " + vault.describe(path) + " now holds " + newKid + " (was " + oldKid + "), the staged copy is removed;"
                + " brokers pick it up at their next key re-read");
        printLastStep(clientId, oldKid);
    }

    /** Step 2: the public half on the app, unless an earlier run registered it already. */
    private void register(String clientId, String privateKeyPem, String kid, String algorithm, String where) throws Exception {
        KeyPairMaterial material = PrivateKeyParser.parse(privateKeyPem, Optional.empty(), vault.describe(where));
        GeneratedKey publicHalf = new GeneratedKey(new KeyPair(material.publicKey(), material.privateKey()),
                KeyAlgorithms.resolve(material.publicKey(), Optional.of(algorithm), where), kid);
        if (okta.listKeys(clientId).stream().noneMatch(k -> kid.equals(k.kid()))) {
            okta.addKey(clientId, HttpJson.JSON.readTree(publicHalf.publicJwks()).path("keys").get(0));
            out.println("2. " + kid + " registered on " + clientId);
        } else {
            out.println("2. " + kid + " already registered on " + clientId);
        }
    }

    private void printLastStep(String clientId, String oldKid) {
        out.println("4. after the longest token lifetime: token-broker okta deactivate-key --client-id " + clientId
                + " --kid " + oldKid);
    }
}
