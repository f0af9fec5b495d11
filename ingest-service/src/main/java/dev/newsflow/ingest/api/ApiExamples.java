package dev.newsflow.ingest.api;

/** Examples of each submission format, as the OpenAPI description shows them. */
final class ApiExamples {

    static final String ARTICLE = """
            {"externalId": "2026-11-20-cup-final", "url": "https://daily.example/sport/cup-final",
             "title": "Late penalty sends United into the cup final",
             "body": "A penalty in the last minute sent United into the cup final.\\n\\nThe striker scored from the spot.",
             "author": "Sam Reporter", "source": "Example Wire", "publishedAt": "2026-11-20T18:45:00Z",
             "language": "en", "categories": ["Sport"]}""";
    static final String NINJS = """
            {"uri": "https://daily.example/world/summit", "versioncreated": "2026-11-24T09:30:00Z", "language": "en",
             "headline": "Leaders agree on a climate fund", "byline": "Ann Writer",
             "body_html": "<p>Leaders agreed on a fund.</p><p>The deal passed late at night.</p>",
             "subject": [{"name": "World"}], "infosource": [{"name": "Example Wire"}]}""";
    static final String PAGE_HTML = """
            <!DOCTYPE html>
            <html lang="en"><head>
              <title>Leaders agree on a climate fund | Daily Example</title>
              <link rel="canonical" href="https://daily.example/world/climate-fund">
              <meta property="og:title" content="Leaders agree on a climate fund">
              <meta property="article:section" content="World">
              <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": "Leaders agree on a climate fund", "datePublished": "2026-11-24T09:30:00Z",
                "author": {"@type": "Person", "name": "Ann Writer"}, "articleSection": "World"}</script>
            </head><body>
              <nav><a href="/">Home</a> <a href="/world">World</a></nav>
              <div class="cookie-banner">We use cookies. <button>Accept</button></div>
              <article><h1>Leaders agree on a climate fund</h1><p class="byline">By Ann Writer</p>
                <p>Leaders agreed on a fund to pay for flood defences in poorer countries at the summit on Tuesday.</p>
                <figure><img src="/img/summit.jpg"><figcaption>Leaders at the summit. Photo: Sam Lens/Example Wire</figcaption></figure>
                <h2>What Comes Next</h2>
                <p>The deal passed late at night after two days of talks.</p>
                <p>Source: Example Wire</p></article>
              <aside class="related"><h2>Related</h2><a href="/world/summit-opens">Summit opens</a></aside>
              <footer>© Daily Example</footer>
            </body></html>""";
    static final String PAGE_TEXT = """
            Leaders agree on a climate fund
            By Ann Writer
            November 24, 2026, 9:30 AM UTC

            Leaders agreed on a fund to pay for flood defences in poorer countries at the summit on Tuesday.

            Leaders at the summit. Photo: Sam Lens/Example Wire

            What Comes Next

            The deal passed late at night after two days of talks.

            Source: Example Wire
            Categories: World, Climate""";
    static final String BATCH = """
            {"externalId": "a-1", "title": "Cup final tonight", "body": "United play the final."}
            {"externalId": "a-2", "title": "Budget passes", "body": "Parliament passed the budget."}""";

    private ApiExamples() {
    }
}
