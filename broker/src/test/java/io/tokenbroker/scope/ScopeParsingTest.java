package io.tokenbroker.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.tokenbroker.error.InvalidRequestException;

class ScopeParsingTest {

    @Test
    void scopesAreSplitDeduplicatedAndSorted() {
        assertThat(ScopePolicy.parse("b a  a c").scopes()).containsExactly("a", "b", "c");
        assertThat(ScopePolicy.parse("b a").asString()).isEqualTo("a b");
        assertThat(ScopePolicy.parse("b a")).isEqualTo(ScopePolicy.parse("a b a"));
    }

    @Test
    void rfc6749ScopeTokenSyntaxIsEnforced() {
        for (String bad : new String[] { "a\"b", "a\\b", "a\tb", "é", "a\u0000", " " }) {
            assertThatThrownBy(() -> ScopePolicy.parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(ScopePolicy.parse("okta.apps.read api://x/y!#$%&'()*+,-./:;<=>?@[]^_`{|}~").scopes()).hasSize(2);
    }

    @Test
    void sizeIsBounded() {
        assertThatThrownBy(() -> ScopePolicy.parse("s ".repeat(2000))).isInstanceOf(InvalidRequestException.class);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("s").append(i).append(' ');
        }
        assertThatThrownBy(() -> ScopePolicy.parse(many.toString())).hasMessageContaining("too many");
    }

    @Test
    void moreAllowedScopeSetsThanTheCacheHoldsIsWarnedAbout() {
        assertThat(ScopePolicy.scopeSets(3)).isEqualTo(7);
        assertThat(ScopePolicy.scopeSets(8)).isEqualTo(255);
        assertThat(ScopePolicy.scopeSets(40)).isGreaterThan(1L << 39);
        assertThat(ScopePolicy.scopeSets(100)).isEqualTo(Long.MAX_VALUE);
        assertThat(ScopePolicy.churnWarning(6, 64)).isEmpty();
        assertThat(ScopePolicy.churnWarning(8, 64)).hasValueSatisfying(warning ->
                assertThat(warning).contains("255").contains("64").contains("broker.okta.max-token-requests-per-minute"));
    }
}
