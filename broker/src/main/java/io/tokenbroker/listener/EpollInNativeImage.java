package io.tokenbroker.listener;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import io.vertx.core.impl.transports.EpollTransport;
import io.vertx.core.impl.transports.JDKTransport;
import io.vertx.core.spi.transport.Transport;

/**
 * Lets the native executable use Netty's epoll transport when {@code quarkus.vertx.prefer-native-transport}
 * asks for it, as the JVM does: the Unix domain socket listener needs it. Quarkus' own substitution makes
 * {@code VertxBuilder.nativeTransport()} return the JDK (NIO) transport in every native image, and Vert.x 4's
 * NIO transport cannot bind a domain socket ("Unable to bind to Unix domain socket"); this replaces the
 * caller, {@code findTransport(boolean)}, which then never reaches that method. Applied by the image builder
 * only (GraalVM substitution); the JVM runs Vert.x' own code. Where epoll cannot load, NIO it is, as on the JVM.
 */
@TargetClass(className = "io.vertx.core.impl.VertxBuilder")
final class EpollInNativeImage {

    private EpollInNativeImage() {
    }

    @Substitute
    static Transport findTransport(boolean preferNative) {
        if (preferNative) {
            Transport epoll = new EpollTransport();
            if (epoll.isAvailable()) {
                return epoll;
            }
        }
        return JDKTransport.INSTANCE;
    }
}
