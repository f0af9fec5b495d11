package dev.newsflow.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import dev.newsflow.ingest.IngestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

@ExtendWith(OutputCaptureExtension.class)
class PublisherApiKeysTest {

    private static final String KEY = "compose-newsroom-key-0123456789";

    @Test
    void thePlainKeyIsTheNewsroomsAndNothingIsLogged(CapturedOutput output) {
        var keys = new PublisherAuthentication().publisherApiKeys(properties(List.of(), KEY));

        assertThat(keys.publisherOf("Bearer " + KEY, null)).contains("newsroom");
        assertThat(output).doesNotContain("No publisher API key");
    }

    @Test
    void withoutAnyKeyOneLineSaysWhatToSet(CapturedOutput output) {
        new PublisherAuthentication().publisherApiKeys(properties(List.of(), ""));

        assertThat(output.getAll().lines().filter(line -> line.contains("No publisher API key"))).singleElement()
                .asString().contains("NEWSFLOW_API_KEY", "INGEST_API_KEYS", "401");
    }

    private static IngestProperties properties(List<String> hashed, String plain) {
        return new IngestProperties(URI.create("http://localhost:8083/api/articles/"), "/test", hashed, plain,
                new IngestProperties.RateLimit(10, 10), DataSize.ofMegabytes(16));
    }
}
