package io.tokenbroker.testsupport.vault;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Vault's Transit engine for asymmetric signing keys, as the HTTP API behaves: key types
 * rsa-2048/3072/4096 and ecdsa-p256/p384/p521, versions (rotate adds one), public keys as PEM, and
 * signatures "vault:vN:base64" — RSA with PSS unless signature_algorithm=pkcs1v15 (Vault's default
 * is PSS), ECDSA as ASN.1 DER unless marshaling_algorithm=jws (then raw R||S, base64url).
 */
final class TransitKeys {

    record Version(KeyPair pair, Instant created) {
    }

    record Key(String type, List<Version> versions) {
    }

    /** What the last sign requests asked for (signature_algorithm, hash_algorithm, marshaling_algorithm, key_version). */
    final List<Map<String, String>> signRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();

    void create(String name, String type) throws Exception {
        keys.computeIfAbsent(name, n -> new Key(type, new CopyOnWriteArrayList<>()));
        if (keys.get(name).versions().isEmpty()) {
            keys.get(name).versions().add(new Version(generate(type), Instant.now()));
        }
    }

    /** Vault's bring-your-own-key import: version 1 of a new key is the given pair. */
    void importKey(String name, String type, KeyPair pair) {
        Key key = new Key(type, new CopyOnWriteArrayList<>());
        key.versions().add(new Version(pair, Instant.now()));
        if (keys.putIfAbsent(name, key) != null) {
            throw new IllegalStateException("transit key " + name + " exists");
        }
    }

    boolean exists(String name) {
        return keys.containsKey(name);
    }

    void rotate(String name) throws Exception {
        Key key = keys.get(name);
        key.versions().add(new Version(generate(key.type()), Instant.now()));
    }

    KeyPair pair(String name, int version) {
        return keys.get(name).versions().get(version - 1).pair();
    }

    int latest(String name) {
        return keys.get(name).versions().size();
    }

    Map<String, Object> describe(String name) {
        Key key = keys.get(name);
        Map<String, Object> versions = new LinkedHashMap<>();
        for (int i = 0; i < key.versions().size(); i++) {
            Version version = key.versions().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("creation_time", version.created().toString());
            entry.put("name", key.type().startsWith("rsa") ? "rsa-" + key.type().substring(4) : "P-" + key.type().substring(7));
            entry.put("public_key", "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(version.pair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            versions.put(Integer.toString(i + 1), entry);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("type", key.type());
        data.put("keys", versions);
        data.put("latest_version", key.versions().size());
        data.put("min_available_version", 0);
        data.put("min_decryption_version", 1);
        data.put("min_encryption_version", 0);
        data.put("deletion_allowed", false);
        data.put("derived", false);
        data.put("exportable", false);
        data.put("allow_plaintext_backup", false);
        data.put("supports_encryption", key.type().startsWith("rsa"));
        data.put("supports_decryption", key.type().startsWith("rsa"));
        data.put("supports_derivation", false);
        data.put("supports_signing", true);
        return data;
    }

    /** One signature in Vault's "vault:vN:..." form. */
    String sign(String name, byte[] input, Integer keyVersion, String hash, String signatureAlgorithm, String marshaling)
            throws Exception {
        Key key = keys.get(name);
        int version = keyVersion == null || keyVersion == 0 ? key.versions().size() : keyVersion;
        signRequests.add(Map.of("signature_algorithm", String.valueOf(signatureAlgorithm), "hash_algorithm", String.valueOf(hash),
                "marshaling_algorithm", String.valueOf(marshaling), "key_version", Integer.toString(version)));
        KeyPair pair = key.versions().get(version - 1).pair();
        String digest = switch (hash == null ? "sha2-256" : hash) {
            case "sha2-384" -> "SHA384";
            case "sha2-512" -> "SHA512";
            default -> "SHA256";
        };
        byte[] signature;
        if (key.type().startsWith("rsa")) {
            Signature rsa;
            if ("pkcs1v15".equals(signatureAlgorithm)) {
                rsa = Signature.getInstance(digest + "withRSA");
            } else {
                rsa = Signature.getInstance("RSASSA-PSS");
                String jca = digest.replace("SHA", "SHA-");
                rsa.setParameter(new PSSParameterSpec(jca, "MGF1", new MGF1ParameterSpec(jca), 32, 1));
            }
            rsa.initSign(pair.getPrivate());
            rsa.update(input);
            signature = rsa.sign();
        } else {
            Signature ecdsa = Signature.getInstance(digest + "withECDSA");
            ecdsa.initSign(pair.getPrivate());
            ecdsa.update(input);
            signature = ecdsa.sign();
            if ("jws".equals(marshaling)) {
                signature = rawRs(signature, (((ECPrivateKey) pair.getPrivate()).getParams().getOrder().bitLength() + 7) / 8);
            }
        }
        // marshaling_algorithm applies to ECDSA keys only; RSA signatures are always standard base64
        boolean jws = "jws".equals(marshaling) && !key.type().startsWith("rsa");
        String encoded = jws ? Base64.getUrlEncoder().withoutPadding().encodeToString(signature)
                : Base64.getEncoder().encodeToString(signature);
        return "vault:v" + version + ":" + encoded;
    }

    private static byte[] rawRs(byte[] der, int size) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] out = new byte[size * 2];
        for (int i = 0; i < 2; i++) {
            byte[] value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue().toByteArray();
            int start = value.length > size ? value.length - size : 0;
            System.arraycopy(value, start, out, i * size + size - (value.length - start), value.length - start);
        }
        return out;
    }

    private static KeyPair generate(String type) throws Exception {
        if (type.startsWith("rsa-")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(Integer.parseInt(type.substring(4)));
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp" + type.substring(7) + "r1"));
        return generator.generateKeyPair();
    }
}
