package io.tokenbroker.key;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.quarkus.vault.client.VaultException;
import io.quarkus.vault.client.VaultClientException;

/** Short, secret-free descriptions of key-loading failures for logs, health and error answers. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof KeyMaterialException)) {
            if (root instanceof VaultClientException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof KeyMaterialException) {
            return root.getMessage();
        }
        if (root instanceof VaultClientException vault) {
            return "Vault answered HTTP " + vault.getStatus() + vaultErrors(vault);
        }
        if (root instanceof ConnectException || root instanceof java.net.UnknownHostException) {
            return "Vault is unreachable (" + root.getClass().getSimpleName() + ")";
        }
        if (root instanceof TimeoutException) {
            return "Vault did not answer in time";
        }
        if (root instanceof VaultException) {
            return "Vault error: " + root.getClass().getSimpleName();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
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
