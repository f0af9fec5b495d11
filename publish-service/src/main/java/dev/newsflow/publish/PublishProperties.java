package dev.newsflow.publish;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of publish-service.
 *
 * @param source the CloudEvents {@code source} of the events this service writes
 * @param apiKeys publishers' API keys allowed to correct their own articles' categories, as
 *                {@code publisher=<SHA-256 hex of the key>} ({@code PUBLISH_API_KEYS}, by default ingest's
 *                {@code INGEST_API_KEYS})
 * @param newsroomApiKey one key in plain for publisher {@code newsroom} ({@code NEWSFLOW_API_KEY}), hashed at start
 * @param storeTimeout how long a read may wait for MongoDB (finding a server, connecting, each answer, and the
 *                     server's own {@code maxTimeMS}) before it is answered 503
 * @param categoryCounts how long {@code /api/categories} answers from its last count before counting again (in the
 *                       background), and how long one count may take
 * @param stream live stream settings
 * @param cors which web pages on other origins may use the API from a browser
 */
@Validated
@ConfigurationProperties("newsflow.publish")
public record PublishProperties(@NotBlank String source, @NotNull List<String> apiKeys, String newsroomApiKey,
        @NotNull Duration storeTimeout, @Valid @NotNull CategoryCounts categoryCounts, @Valid @NotNull Stream stream,
        @Valid @NotNull Cors cors) {

    /**
     * @param refresh counts older than this are recounted in the background, the old ones answered meanwhile
     * @param timeout the longest one count (an aggregation over all articles) may take
     */
    public record CategoryCounts(@NotNull Duration refresh, @NotNull Duration timeout) {
    }

    /**
     * Cross-origin access (CORS) for browsers.
     *
     * @param readOrigins origins whose pages may read articles and streams ({@code GET}); {@code *} for any
     * @param correctionOrigins origins whose pages may send category corrections ({@code PUT}, with a key); none by
     *                          default, so only same-origin pages and non-browser clients can
     */
    public record Cors(@NotNull List<@NotBlank String> readOrigins, @NotNull List<@NotBlank String> correctionOrigins) {
    }

    /**
     * @param buffer events held for one subscriber that is not keeping up; past that it is sent a final
     *               {@code overflow} event and disconnected
     * @param heartbeat how often an SSE subscriber receives a comment line, so that proxies keep the connection
     * @param retention how long streamed events are kept for resuming subscribers (a MongoDB TTL index)
     * @param flushInterval each subscriber is written at most once this often: events arriving faster go out
     *                      together, one socket write instead of several; zero writes every event at once
     * @param pollInterval how often an instance reads the event log for events other instances logged, and raises
     *                     its own logged offsets
     * @param replayPage events of one partition read per query while a resumed subscriber catches up
     */
    public record Stream(@Min(1) int buffer, @NotNull Duration heartbeat, @NotNull Duration retention,
            @NotNull Duration flushInterval, @NotNull Duration pollInterval, @Min(1) int replayPage) {
    }
}
