package io.tokenbroker.rest;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.error.AccessDeniedException;

/**
 * The anti-SSRF rule, as cloud metadata services apply it: every {@code /v1} request must carry
 * {@code X-Token-Broker: 1}, and a request that went through a proxy ({@code Forwarded},
 * {@code X-Forwarded-For}) is refused; and the DNS-rebinding rule ({@link HostRule}). Only the main
 * listener's {@code /v1} API: the management interface keeps answering probes by pod IP.
 */
public class CallerGuard {

    static final String HEADER = "X-Token-Broker";
    private static final Logger LOG = Logger.getLogger(CallerGuard.class);

    private final HostRule hosts;

    CallerGuard(BrokerConfig config) {
        this.hosts = new HostRule(config.http().allowedHosts().orElse(List.of()));
    }

    @ServerRequestFilter(preMatching = true)
    public void guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/v1") || path.startsWith("/v1/"))) {
            return;
        }
        String reason = null;
        if (request.getHeaders().containsKey("Forwarded") || request.getHeaders().containsKey("X-Forwarded-For")) {
            reason = "proxied requests (Forwarded / X-Forwarded-For) are not accepted";
        } else if (!hosts.allows(request.getHeaderString("Host"))) {
            reason = "the Host header must name the broker (a loopback name or one in broker.http.allowed-hosts)";
        } else if (!"1".equals(request.getHeaderString(HEADER))) {
            reason = "the " + HEADER + ": 1 header is required";
        }
        if (reason != null) {
            LOG.infof("caller rejected: %s %s: %s", request.getMethod(), path, reason);
            throw new AccessDeniedException(reason);
        }
    }
}
