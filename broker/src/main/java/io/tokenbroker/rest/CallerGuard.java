package io.tokenbroker.rest;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.tokenbroker.config.BrokerConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tokenbroker.error.AccessDeniedException;
import io.tokenbroker.error.InvalidRequestException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The anti-SSRF rule, as cloud metadata services apply it: every {@code /v1} request must carry
 * {@code X-Token-Broker: 1}, and a request that went through a proxy ({@code Forwarded},
 * {@code X-Forwarded-For}) is refused; and the DNS-rebinding rule ({@link HostRule}). Only the main
 * listener's {@code /v1} API: the management interface keeps answering probes by pod IP. A request with
 * more than one {@code Host} is malformed (400). A route ahead of every {@code /v1} endpoint.
 */
@Singleton
public class CallerGuard {

    static final String HEADER = "X-Token-Broker";
    /** The header's only accepted values: exactly one, and "1". */
    private static final List<String> ONE = List.of("1");
    /** After {@link HttpLimits} and Quarkus' upload limit, before the endpoints. */
    static final int ORDER = -1;
    /** Where every /v1 endpoint's route goes: right behind this guard. */
    public static final int ENDPOINT_ORDER = ORDER + 1;
    private static final Logger LOG = Logger.getLogger(CallerGuard.class);

    private final HostRule hosts;
    private final ErrorReply errors;

    CallerGuard(BrokerConfig config, ErrorReply errors) {
        this.hosts = new HostRule(config.http().allowedHosts().orElse(List.of()));
        this.errors = errors;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    /**
     * HTTP/1's {@code Host} header, or HTTP/2's {@code :authority} (h2c callers send no Host); null when a
     * request carries more than one {@code Host} (RFC 9112 section 3.2: 400), so that no layer can read a
     * different one than this guard judged. Read from the headers for HTTP/1, as Vert.x' own {@code host()}
     * does: Vert.x Web's wrapper of it runs its forwarded-header parser on every request first (3 % of the
     * cached path's CPU), for nothing here, as a forwarded request is refused.
     */
    private static String host(HttpServerRequest request, List<String> hosts) {
        return request.version() == HttpVersion.HTTP_2 ? request.host() : hosts.isEmpty() ? null : hosts.get(0);
    }

    private void guard(RoutingContext context) {
        String path = context.normalizedPath();
        if (!(path.equals("/v1") || path.startsWith("/v1/"))) {
            context.next();
            return;
        }
        var request = context.request();
        // one lookup serves both rules: the header's only reading on the hot path
        List<String> hostHeaders = request.headers().getAll(HttpHeaderNames.HOST);
        if (hostHeaders.size() > 1) {
            LOG.infof("caller rejected: %s %s: %d Host headers", request.method(), path, hostHeaders.size());
            ErrorReply.send(context, errors.broker(new InvalidRequestException("more than one Host header")));
            return;
        }
        String reason = null;
        if (request.headers().contains("Forwarded") || request.headers().contains("X-Forwarded-For")) {
            reason = "proxied requests (Forwarded / X-Forwarded-For) are not accepted";
        } else if (!hosts.allows(host(request, hostHeaders))) {
            reason = "the Host header must name the broker (a loopback name or one in broker.http.allowed-hosts)";
        } else if (!ONE.equals(request.headers().getAll(HEADER))) {
            reason = "the " + HEADER + ": 1 header is required";
        }
        if (reason == null) {
            context.next();
        } else {
            LOG.infof("caller rejected: %s %s: %s", request.method(), path, reason);
            ErrorReply.send(context, errors.broker(new AccessDeniedException(reason)));
        }
    }
}
