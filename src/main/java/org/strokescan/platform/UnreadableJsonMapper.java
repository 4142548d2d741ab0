package org.strokescan.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body that is not JSON, or not JSON of the shape an endpoint reads (an array for an object, an object
 * for a text field), is the caller's mistake: a 400 problem, never a 500. JSON-B reports it while Jersey reads the
 * entity, as itself or wrapped in a {@link ProcessingException}; any other processing failure stays a server error.
 * The parser's own message is not passed on (it names our classes); the detail says what to fix.
 */
@Provider
public class UnreadableJsonMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(UnreadableJsonMapper.class.getName());

    static final String DETAIL = "The request body is not valid JSON, or a field has the wrong type (e.g. a list or an "
            + "object where text is expected). See the API description at /openapi.";

    static final String EMPTY_OR_UNREADABLE = "The request body is empty or not valid JSON; this endpoint reads a JSON "
            + "object. See the API description at /openapi.";

    @Override
    public Response toResponse(ProcessingException failure) {
        if (isUnreadableJson(failure)) {
            return Problem.response(400, "Bad request", DETAIL);
        }
        LOG.log(Level.SEVERE, "event=api.processing-failure", failure);
        return Problem.response(500, "Internal server error", null);
    }

    static boolean isUnreadableJson(Throwable failure) {
        return causedBy(failure, JsonbException.class) || causedBy(failure, JsonException.class);
    }

    /** Jersey's reader found no entity where the endpoint reads one. */
    static boolean isEmptyBody(Throwable failure) {
        return causedBy(failure, NoContentException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jersey's own 400s, e.g. an empty body where an endpoint reads JSON (without this the container answered with
     * its HTML error report). A 400 our code built with its own problem body goes out as it is.
     */
    @Provider
    public static class BadRequest implements ExceptionMapper<BadRequestException> {

        @Override
        public Response toResponse(BadRequestException failure) {
            if (failure.getResponse().hasEntity()) {
                return failure.getResponse();
            }
            return Problem.response(400, "Bad request", isUnreadableJson(failure) || isEmptyBody(failure)
                    ? EMPTY_OR_UNREADABLE : null);
        }
    }

    /** JSON-B's failure when Jersey hands it on unwrapped. */
    @Provider
    public static class Unwrapped implements ExceptionMapper<JsonbException> {

        @Override
        public Response toResponse(JsonbException failure) {
            return Problem.response(400, "Bad request", DETAIL);
        }
    }
}
