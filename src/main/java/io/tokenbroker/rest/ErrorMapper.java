package io.tokenbroker.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.tokenbroker.error.BrokerException;

/**
 * Failures in Quarkus REST's endpoints become the contract's {@code {"error","error_description"}}
 * answers; the Vert.x routes answer through {@link ErrorReply}, which logs for both.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final RequestMetrics metrics;

    ErrorMapper(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> broker(BrokerException e) {
        metrics.failed(e.error());
        ErrorReply.logRefused(e);
        var builder = RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(e.status()), new ErrorResponse(e.error(), e.description()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
        e.retryAfter().ifPresent(delay -> builder.header("Retry-After", ErrorReply.retryAfterSeconds(delay)));
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

    /**
     * A body that is not JSON, or not the JSON the endpoint reads (an array, a wrong field type, nesting
     * deeper than Jackson's limit). Jackson's message quotes the input: it is neither shown nor logged.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            StreamConstraintsException.class })
    public RestResponse<ErrorResponse> unreadableBody(JsonProcessingException e) {
        LOG.infof("caller request refused: invalid_request: unreadable JSON body (%s)", e.getClass().getSimpleName());
        return plain(400, "invalid_request", "the body must be a JSON object with the fields of this endpoint");
    }

    /** Logged by shape only ({@link ErrorReply#logUnexpected}). */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Throwable e) {
        ErrorReply.logUnexpected(e);
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
