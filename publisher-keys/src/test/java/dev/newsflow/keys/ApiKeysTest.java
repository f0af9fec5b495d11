package dev.newsflow.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String NEWSROOM_KEY = "plain-newsroom-key-0123456789abcdef";
    private static final String WIRE_KEY = "wire-service-key-0123456789abcdef";

    @Test
    void aPlainKeyBelongsToTheNewsroom() {
        ApiKeys keys = ApiKeys.parse(List.of(), NEWSROOM_KEY);

        assertThat(keys.publisherOf("Bearer " + NEWSROOM_KEY, null)).contains("newsroom");
        assertThat(keys.publisherOf(null, NEWSROOM_KEY)).contains("newsroom");
        assertThat(keys.publisherOf("Bearer " + WIRE_KEY, null)).isEmpty();
        assertThat(keys.isEmpty()).isFalse();
    }

    @Test
    void aPlainKeyAndHashedEntriesWorkTogether() {
        ApiKeys keys = ApiKeys.parse(List.of("wire=" + ApiKeys.sha256(WIRE_KEY)), " " + NEWSROOM_KEY + "\n");

        assertThat(keys.publisherOf(NEWSROOM_KEY)).contains("newsroom");
        assertThat(keys.publisherOf(WIRE_KEY)).contains("wire");
    }

    @Test
    void noKeysAtAllIsEmpty() {
        assertThat(ApiKeys.parse(List.of(""), "  ").isEmpty()).isTrue();
        assertThat(ApiKeys.parse(List.of(), null).publisherOf("anything")).isEmpty();
    }

    @Test
    void aPlainKeyInTheHashedListIsRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of("newsroom=" + NEWSROOM_KEY), null))
                .withMessageContaining("newsroom=…").withMessageNotContaining(NEWSROOM_KEY);
    }

    @Test
    void aPlainKeyShorterThan24CharactersIsRefusedWithoutEchoingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of(), "short-key-12345678901"))
                .withMessageContaining("at least 24 characters").withMessageNotContaining("short-key");
        assertThat(ApiKeys.parse(List.of(), "exactly-24-characters-ok").publisherOf("exactly-24-characters-ok")).contains("newsroom");
    }

    @Test
    void oneKeyConfiguredForTwoPublishersIsRefusedNamingBoth() {
        String shared = "wire=" + ApiKeys.sha256(WIRE_KEY);

        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of(shared, "agency=" + ApiKeys.sha256(WIRE_KEY))))
                .withMessageContaining("'wire' and 'agency'").withMessageNotContaining(ApiKeys.sha256(WIRE_KEY));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of("wire=" + ApiKeys.sha256(NEWSROOM_KEY)), NEWSROOM_KEY))
                .withMessageContaining("'newsroom' and 'wire'");
        assertThat(ApiKeys.parse(List.of(shared, shared.toUpperCase().replace("WIRE", "wire"))).publisherOf(WIRE_KEY)).contains("wire");
    }
}
