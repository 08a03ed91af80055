package reference;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The reference's endpoints, each answering the size of a /v1/token body: one through Quarkus REST, so
 * that Quarkus REST builds and starts its deployment as the broker's does, and one bare Vert.x route,
 * the least any Quarkus HTTP answer costs (bench/http/ceiling.sh).
 */
@Path("/hello")
public class Hello {

    static final String BODY = "{\"access_token\":\"" + "a".repeat(740) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    private static final Buffer BYTES = Buffer.buffer(BODY);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response hello() {
        return Response.ok(BODY).header("Cache-Control", "no-store").build();
    }

    void bare(@Observes Router router) {
        router.get("/bare").handler(context -> context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(BYTES));
    }
}
