package reference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** One endpoint, so that Quarkus REST builds and starts its deployment as the broker's does. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello";
    }
}
