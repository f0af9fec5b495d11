package dev.newsflow.publish.api;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and as Swagger UI at {@code /swagger-ui.html}. springdoc
 * reads the routes and parameters from the controllers; this adds what it cannot see: what the query parameters
 * mean, what the stream's bytes are (shared SSE frames or NDJSON lines), and which operation needs a key.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

    static final String STREAM = "/api/articles/stream";
    static final String CORRECTIONS = "/api/articles/{id}/categories";

    private static final Map<String, String> PARAMETERS = Map.of(
            "category", "Category code or label, case-insensitive (e.g. medtop:15000000 or Sport); repeat for any of several",
            "publisher", "Publisher name; repeat for any of several",
            "source", "Source (wire, agency) as the article names it; repeat for any of several",
            "language", "Language tag; en also matches en-GB; repeat for any of several",
            "keyword", "A whole word in the headline or body; repeat for any of several",
            "since", "Resume after this stream position (an SSE id, partition:offset pairs such as 0:41,1:17), like Last-Event-ID",
            "Last-Event-ID", "Resume after this stream position: the id of the last event received (browsers' EventSource sends it)",
            "cursor", "The nextCursor of the previous page",
            "size", "Articles per page, 1 to 100",
            "Accept", "text/event-stream (the default) for Server-Sent Events, or only application/x-ndjson for one article per line");

    @Bean
    OpenAPI newsflowPublishApi() {
        return new OpenAPI()
                .info(new Info().title("newsflow publish API").version("1")
                        .description("Read enriched news articles, stream them live as they are enriched (Server-Sent "
                                + "Events or NDJSON, filtered, resumable without gaps or repeats), and correct an "
                                + "article's categories with the publisher's API key. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The publisher's API key"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key").description("The publisher's API key")));
    }

    @Bean
    OpenApiCustomizer publishApiDetails() {
        return openApi -> {
            openApi.getPaths().values().stream().flatMap(path -> path.readOperations().stream())
                    .flatMap(operation -> operation.getParameters() == null ? java.util.stream.Stream.empty()
                            : operation.getParameters().stream())
                    .forEach(parameter -> {
                        String description = PARAMETERS.get(parameter.getName());
                        if (description != null) {
                            parameter.setDescription(description);
                        }
                    });
            describeStream(openApi.getPaths().get(STREAM));
            PathItem corrections = openApi.getPaths().get(CORRECTIONS);
            if (corrections != null && corrections.getPut() != null) {
                corrections.getPut().summary("Correct an article's categories (the publisher's own articles only)")
                        .addSecurityItem(new SecurityRequirement().addList("bearer"))
                        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
            }
        };
    }

    // The controller writes shared, pre-built bytes, so springdoc sees only "DataBuffer"; the wire format is this.
    private static void describeStream(PathItem stream) {
        if (stream == null || stream.getGet() == null) {
            return;
        }
        Operation get = stream.getGet();
        get.summary("Enriched articles as they arrive: Server-Sent Events, or NDJSON when only application/x-ndjson is accepted")
                .description("""
                        SSE events: `article` for a new article, `article-updated` for a new version, corrected categories \
                        or new related posts (the `change` field says which), each with the subscriber's stream position \
                        as `id`; a `:connected` comment at once (the headers go out with it) and a `:heartbeat` comment \
                        every 15 s; and, for a subscriber that fell too far behind, a final `overflow` event before the \
                        stream ends. NDJSON lines are the same article objects, and an \
                        overflow is the line {"event":"overflow","reason":…}. Reconnect with Last-Event-ID (or ?since=) \
                        to receive every matching event missed since that position, then live ones, without gaps or \
                        repeats. Filters combine: repeating a parameter means any of its values, different parameters \
                        must all match.""");
        get.getResponses().addApiResponse("200", new ApiResponse().description("The stream, until the client disconnects")
                .content(new Content()
                        .addMediaType("text/event-stream", new MediaType().schema(new StringSchema()
                                .description("Server-Sent Events whose data is an ArticleView"))
                                .example("id:0:41,1:17,2:9,3:30,4:12,5:20\nevent:article\ndata:{\"id\":\"…\",\"title\":\"…\"}\n\n"))
                        .addMediaType("application/x-ndjson", new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/ArticleView")))));
        get.getResponses().addApiResponse("400", new ApiResponse().description("A malformed Last-Event-ID or since")
                .content(new Content().addMediaType("application/problem+json", new MediaType())));
    }
}
