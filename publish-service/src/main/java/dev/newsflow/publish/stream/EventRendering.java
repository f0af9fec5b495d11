package dev.newsflow.publish.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsflow.events.ArticleEnriched;
import dev.newsflow.publish.ArticleView;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as subscribers get it (view, JSON, wire frames), made once per event however many subscribers there are;
 * the most recent renderings are kept, so that a subscriber replaying what it just missed shares them too.
 * Concurrency: thread-safe (the cache is).
 */
@Component
class EventRendering {

    private static final int KEPT = 1024;

    private final JsonMapper json;
    private final Cache<Long, Rendered> recent = Caffeine.newBuilder().maximumSize(KEPT).build();

    EventRendering(JsonMapper json) {
        this.json = json;
    }

    /** The SSE event (and NDJSON line's {@code event}) that tells subscribers an article was withdrawn. */
    static final String WITHDRAWN = "article-withdrawn";

    /**
     * An event's view, its JSON and its frames; {@code frames.sharedId()} the id most subscribers have after it;
     * {@code withdrawal} if it tells that the article was withdrawn.
     */
    record Rendered(ArticleView view, String json, EventFrames frames, boolean withdrawal) {
    }

    /** What a withdrawal event carries. */
    record Withdrawal(String event, String id, long version) {
    }

    /** Renders a live event; {@code sharedId} is the position every live subscriber has after it. */
    Rendered live(LoggedEvent event, String sharedId) {
        Rendered rendered = render(event, sharedId);
        recent.put(key(event), rendered);
        return rendered;
    }

    /** A replayed event: as it was rendered live if that is still kept, else now (without a shared id). */
    Rendered replayed(LoggedEvent event) {
        Rendered kept = recent.getIfPresent(key(event));
        return kept != null ? kept : render(event, null);
    }

    // A withdrawal goes out as its own event, with nothing but the id and version, to every subscriber whatever its
    // filter: the article matched it when it was shown, which the withdrawal no longer tells.
    private Rendered render(LoggedEvent event, String sharedId) {
        ArticleView view = ArticleView.of(event.article());
        boolean withdrawal = event.article().change() == ArticleEnriched.Change.WITHDRAWN;
        String text = json.writeValueAsString(withdrawal ? new Withdrawal(WITHDRAWN, view.id(), view.version()) : view);
        boolean created = view.change() == null || view.change().equals("created");
        String name = withdrawal ? WITHDRAWN : created ? "article" : "article-updated";
        return new Rendered(view, text, new EventFrames(name, text, sharedId), withdrawal);
    }

    private static long key(LoggedEvent event) {
        return ((long) event.partition() << 48) ^ event.offset();
    }
}
