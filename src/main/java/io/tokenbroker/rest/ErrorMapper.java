package io.tokenbroker.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.tokenbroker.error.BrokerException;

/** The one place where failures become the contract's {@code {"error","error_description"}} answers. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final RequestMetrics metrics;

    ErrorMapper(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> broker(BrokerException e) {
        metrics.failed(e.error());
        if (e.status() == 400) {
            LOG.infof("caller request refused: %s: %s", e.error(), e.description());
        }
        var builder = RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(e.status()), new ErrorResponse(e.error(), e.description()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
        // whole seconds, rounded up: a client that waits exactly Retry-After is never early
        e.retryAfter().ifPresent(delay -> builder.header("Retry-After", Math.max(1, (delay.toMillis() + 999) / 1000)));
        return builder.build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notFound(NotFoundException e) {
        return plain(404, "not_found", "no such endpoint");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notAllowed(NotAllowedException e) {
        return plain(405, "invalid_request", "method not allowed");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> web(WebApplicationException e) {
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatus();
        return status >= 500 ? unexpected(e) : plain(status, "invalid_request", "the request cannot be processed");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Throwable e) {
        LOG.errorf("unexpected failure: %s", e.getClass().getName());
        LOG.debug("unexpected failure details", e);
        return plain(500, "server_error", "unexpected broker failure");
    }

    private RestResponse<ErrorResponse> plain(int status, String error, String description) {
        metrics.failed(error);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status), new ErrorResponse(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
