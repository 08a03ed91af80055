package io.tokenbroker.key;

import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.quarkus.vault.client.VaultException;
import io.quarkus.vault.client.VaultClientException;

/**
 * Short, secret-free descriptions of key-loading failures: {@link #describe} for logs and error answers,
 * naming the source; {@link #summary} for health data served on the pod network, naming no location.
 */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = root(failure);
        if (root instanceof KeyMaterialException) {
            return root.getMessage();
        }
        if (root instanceof VaultClientException vault) {
            return "Vault answered HTTP " + vault.getStatus() + vaultErrors(vault);
        }
        return common(root).orElseGet(
                () -> root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())));
    }

    /**
     * The failure without a location: no Vault path, file path or Transit key name, which are in the key
     * source's description, in Vault's error texts and in many exceptions' messages.
     */
    static String summary(Throwable failure) {
        Throwable root = root(failure);
        if (root instanceof KeyMaterialException material) {
            return material.problem();
        }
        if (root instanceof VaultClientException vault) {
            return "Vault answered HTTP " + vault.getStatus();
        }
        return common(root).orElseGet(() -> root.getClass().getSimpleName());
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof KeyMaterialException)) {
            if (root instanceof VaultClientException) {
                break;
            }
            root = root.getCause();
        }
        return root;
    }

    /** The failures whose description names no location anyway. */
    private static Optional<String> common(Throwable root) {
        if (root instanceof ConnectException || root instanceof java.net.UnknownHostException) {
            return Optional.of("Vault is unreachable (" + root.getClass().getSimpleName() + ")");
        }
        if (root instanceof TimeoutException) {
            return Optional.of("Vault did not answer in time");
        }
        if (root instanceof VaultException) {
            return Optional.of("Vault error: " + root.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    private static String vaultErrors(VaultClientException vault) {
        return vault.getErrors() == null || vault.getErrors().isEmpty() ? "" : " " + vault.getErrors();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
