package io.tokenbroker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.tokenbroker.listener.DomainSocketFile;
import io.tokenbroker.listener.Listeners;
import io.tokenbroker.sink.TokenFileSink;

/**
 * How tokens leave the broker: the listeners that started and the token file sink's state. Always UP:
 * a sink that cannot write is reported here (and logged, and counted) while /v1 keeps serving.
 */
@Readiness
@ApplicationScoped
public class ChannelsReadinessCheck implements HealthCheck {

    private final Listeners listeners;
    private final DomainSocketFile socket;
    private final TokenFileSink sink;

    ChannelsReadinessCheck(Listeners listeners, DomainSocketFile socket, TokenFileSink sink) {
        this.listeners = listeners;
        this.socket = socket;
        this.sink = sink;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("token-channels").up();
        response.withData("listeners", String.join(", ", listeners.active()));
        if (!socket.permissionError().isEmpty()) {
            response.withData("domain_socket_error", socket.permissionError());
        }
        if (sink.enabled()) {
            response.withData("sink_file", sink.path().toString());
            response.withData("sink_file_state", !sink.error().isEmpty() ? "FAILING" : sink.holdsToken() ? "WRITTEN" : "EMPTY");
            sink.lastWrite().ifPresent(at -> response.withData("sink_file_last_write", at.toString()));
            if (!sink.error().isEmpty()) {
                response.withData("sink_file_error", sink.error());
            }
        }
        return response.build();
    }
}
