package io.tokenbroker.cache;

import java.time.Clock;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tokenbroker.config.BrokerConfig;
import io.tokenbroker.okta.IssuedToken;
import io.tokenbroker.okta.UpstreamBudget;
import io.tokenbroker.scope.ScopeSet;

/** A cache over a scripted upstream for plain unit tests of other packages (the token file sink). */
public final class TestCaches {

    private TestCaches() {
    }

    public static TokenCache over(Function<ScopeSet, Uni<IssuedToken>> upstream, Clock clock, BrokerConfig config) {
        return new TokenCache(upstream, clock, config, new CacheMetrics(new SimpleMeterRegistry()), new UpstreamBudget(clock, 1000));
    }
}
