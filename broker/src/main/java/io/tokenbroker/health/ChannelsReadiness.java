package io.tokenbroker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.tokenbroker.listener.DomainSocketFile;
import io.tokenbroker.listener.Listeners;
import io.tokenbroker.sink.TokenFileSink;
import io.tokenbroker.sink.TokenFileSinks;

/**
 * How tokens leave the broker, as readiness data: the listeners that started and the token file sink's
 * state. Data only, never a reason to be unready: a sink that cannot write is reported (and logged, and
 * counted) while /v1 keeps serving. Part of the one readiness check, whose data tests and operators
 * find as {@code checks[0]}.
 */
@ApplicationScoped
public class ChannelsReadiness {

    private final Listeners listeners;
    private final DomainSocketFile socket;
    private final TokenFileSink sink;
    private final TokenFileSinks files;

    ChannelsReadiness(Listeners listeners, DomainSocketFile socket, TokenFileSink sink, TokenFileSinks files) {
        this.listeners = listeners;
        this.socket = socket;
        this.sink = sink;
        this.files = files;
    }

    /** Adds the channels' state to {@code response}; false while the domain socket is not in place yet. */
    boolean describe(HealthCheckResponseBuilder response) {
        response.withData("listeners", String.join(", ", listeners.active()));
        boolean socketReady = !socket.enabled() || socket.inPlace();
        if (!socketReady) {
            response.withData("domain_socket", "BINDING");
        }
        if (sink.enabled()) {
            response.withData("sink_file", sink.path().toString());
            response.withData("sink_file_state", !sink.error().isEmpty() ? "FAILING" : sink.holdsToken() ? "WRITTEN" : "EMPTY");
            sink.lastWrite().ifPresent(at -> response.withData("sink_file_last_write", at.toString()));
            if (!sink.error().isEmpty()) {
                response.withData("sink_file_error", sink.error());
            }
        }
        for (TokenFileSinks.Named named : files.all()) {
            TokenFileSink file = named.sink();
            response.withData("sink_files_" + named.name() + "_state",
                    !file.error().isEmpty() ? "FAILING" : file.holdsToken() ? "WRITTEN" : "EMPTY");
        }
        return socketReady;
    }
}
