package io.tokenbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMappings;
import io.tokenbroker.testsupport.Repository;

/**
 * docs/configuration.md documents every key of {@link BrokerConfig} and no other {@code broker.*} key. The
 * keys come from SmallRye Config's own reading of the mapping (kebab-case names, {@code @WithName}, nested
 * groups, map entries), so a key added to or removed from the interface fails here until the page follows.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Repository.file("docs/configuration.md");

    /** The first cell of a table row: {@code | `broker.a.b` / `.c` / `.d.e` | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(`broker\\.[^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theReferenceListsEveryKeyOfTheMappingAndNoOther() throws IOException {
        Set<String> mapped = mappedKeys();
        Set<String> documented = documentedKeys(Files.readString(REFERENCE));

        Set<String> undocumented = new TreeSet<>(mapped);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(mapped);
        assertSoftly(softly -> {
            softly.assertThat(undocumented).as("BrokerConfig keys missing from " + REFERENCE).isEmpty();
            softly.assertThat(stale).as("keys in " + REFERENCE + " that BrokerConfig does not have").isEmpty();
        });
    }

    @Test
    void namedEntriesAreReadAsNameInTheReference() {
        assertThat(mappedKeys()).contains(
                "broker.okta.max-token-requests-per-minute",
                "broker.vault.on-demand-interval",
                "broker.servers.NAME.key.transit.version",
                "broker.sink.files.NAME.server",
                "broker.sink.files.NAME.mode");
    }

    /** Every property SmallRye Config maps for BrokerConfig, a map's key written {@code NAME} as the page does. */
    static Set<String> mappedKeys() {
        Set<String> keys = new TreeSet<>();
        for (String name : ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(BrokerConfig.class)).keySet()) {
            // a list is also mapped by index (key[0]=...); the page names it once, as a comma-separated value
            keys.add(name.replace(".*.", ".NAME.").replace("[*]", ""));
        }
        return keys;
    }

    /**
     * The keys in the first column of the page's tables. A cell may name several keys of one group:
     * {@code `broker.sink.files.NAME.scopes` / `.format` / `.mode`}, each {@code .x} relative to the group
     * of the first.
     */
    static Set<String> documentedKeys(String page) {
        Set<String> keys = new TreeSet<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            List<String> names = new ArrayList<>();
            Matcher code = CODE.matcher(row.group(1));
            while (code.find()) {
                names.add(code.group(1));
            }
            String first = names.get(0);
            keys.add(first);
            String group = first.substring(0, first.lastIndexOf('.'));
            for (String relative : names.subList(1, names.size())) {
                keys.add(relative.startsWith(".") ? group + relative : relative);
            }
        }
        return keys;
    }
}
