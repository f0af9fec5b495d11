package dev.newsflow.keys;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a request without a known API key: {@code 401} as RFC 9457 problem details
 * ({@value #UNAUTHORIZED_TYPE}) with {@code WWW-Authenticate: Bearer realm="newsflow"}, in both services.
 */
public final class ApiKeyEntryPoint implements ServerAuthenticationEntryPoint {

    /** The problem type of a missing or unknown key. */
    public static final String UNAUTHORIZED_TYPE = "https://newsflow.dev/problems/unauthorized";

    private final JsonMapper json;

    /** {@code json}: the application's mapper, which writes {@link ProblemDetail} as RFC 9457 says. */
    public ApiKeyEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Send your publisher API key as 'Authorization: Bearer <key>' or '" + ApiKeys.API_KEY_HEADER + ": <key>'.");
        problem.setType(URI.create(UNAUTHORIZED_TYPE));
        problem.setTitle("Missing or unknown API key");
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsflow\"");
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
