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
 * Quarkus REST's side of the error answers: each failure of its endpoints is turned into an
 * {@link ErrorReply.Answer} by {@link ErrorReply} (which also answers the Vert.x routes) and rendered here.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final ErrorReply errors;

    ErrorMapper(ErrorReply errors) {
        this.errors = errors;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> broker(BrokerException e) {
        return rest(errors.broker(e));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notFound(NotFoundException e) {
        return rest(errors.plain(404, "not_found", "no such endpoint"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notAllowed(NotAllowedException e) {
        return rest(errors.plain(405, "invalid_request", "method not allowed"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> web(WebApplicationException e) {
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatus();
        return status >= 500 ? unexpected(e) : rest(errors.plain(status, "invalid_request", "the request cannot be processed"));
    }

    /**
     * A body that is not JSON, or not the JSON the endpoint reads (an array, a wrong field type, nesting
     * deeper than Jackson's limit). Jackson's message quotes the input: it is neither shown nor logged.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            StreamConstraintsException.class })
    public RestResponse<ErrorResponse> unreadableBody(JsonProcessingException e) {
        LOG.infof("caller request refused: invalid_request: unreadable JSON body (%s)", e.getClass().getSimpleName());
        return rest(errors.plain(400, "invalid_request", "the body must be a JSON object with the fields of this endpoint"));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Throwable e) {
        return rest(errors.unexpected(e));
    }

    private static RestResponse<ErrorResponse> rest(ErrorReply.Answer answer) {
        var builder = RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(answer.status()), answer.body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
        answer.retryAfterSeconds().ifPresent(seconds -> builder.header("Retry-After", seconds));
        return builder.build();
    }
}
