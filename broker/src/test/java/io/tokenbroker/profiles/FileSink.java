package io.tokenbroker.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import io.tokenbroker.testsupport.BrokerKey;
import io.tokenbroker.testsupport.BrokerKey.Alg;
import io.tokenbroker.testsupport.BrokerKey.Format;

/** The stand-ins, and the token file sink writing the default scopes' token to a fresh directory, mode 0640. */
public class FileSink extends StandInProfile {

    private static final Path DIRECTORY;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("broker-sink").resolve("shared");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileSink() {
        super(BrokerKey.file(Alg.RSA_2048, Format.PKCS8));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("broker.sink.file.path", DIRECTORY.resolve("token").toString(),
                "broker.sink.file.mode", "0640");
    }
}
