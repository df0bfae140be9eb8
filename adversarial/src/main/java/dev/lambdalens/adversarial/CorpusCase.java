package dev.lambdalens.adversarial;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.LambdaTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * What the corpus handlers do for one case: read the placement and the secret from the request's query
 * string, put the secret there, and always write the same evidence that nothing was lost: a last log line
 * {@value #DONE}, a {@value #RUNS} metric and (through {@code @Tracing}) the handler subsegment.
 */
public final class CorpusCase {
    /** The message of the line every case writes last. */
    public static final String DONE = "case done";
    /** The metric every case records. */
    public static final String RUNS = "CaseRuns";

    private static final Logger log = LoggerFactory.getLogger(CorpusCase.class);

    private CorpusCase() {
    }

    public static APIGatewayProxyResponseEvent run(APIGatewayProxyRequestEvent event, Metrics metrics) {
        Map<String, String> query = event.getQueryStringParameters();
        Placement placement = Placement.valueOf(query.get("placement"));
        Secret secret = Secret.valueOf(query.get("secret"));
        String name = secret.fieldName();
        String value = secret.value();
        metrics.addMetric(RUNS, 1, MetricUnit.COUNT);
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withBody("{\"ok\":true}");
        switch (placement) {
            case EVENT_BODY_JSON:
            case EVENT_HEADER:
            case EVENT_QUERY:
                log.info("request received");
                break;
            case MESSAGE_PAIR:
                log.info("signing in with " + name + "=" + value + " for bob");
                break;
            case MESSAGE_BARE:
                log.info("signing in with " + value + " for bob");
                break;
            case ARGUMENT_MAP:
                Map<String, String> credentials = new LinkedHashMap<>();
                credentials.put("user", "bob");
                credentials.put(name, value);
                log.info("signing in with {}", credentials);
                break;
            case STRUCTURED_ARGUMENT:
                log.info("signing in", kv(name, value));
                break;
            case APPENDED_KEY:
                LambdaLogging.appendKey(name, value);
                log.info("signing in");
                break;
            case MDC:
                org.slf4j.MDC.put(name, value);
                log.info("signing in");
                org.slf4j.MDC.remove(name);
                break;
            case EXCEPTION_MESSAGE:
                log.error("sign-in failed", new IllegalStateException("rejected " + name + "=" + value));
                break;
            case EXCEPTION_CAUSE:
                log.error("sign-in failed", new IllegalStateException("rejected",
                        new IllegalArgumentException("bad " + name + ": " + value)));
                break;
            case TRACE_METADATA:
                LambdaTracing.putMetadata(name, value);
                break;
            case TRACE_METADATA_OBJECT:
                LambdaTracing.putMetadata("request", Map.of(name, value, "user", "bob"));
                break;
            case RESPONSE_HEADER:
                response.setHeaders(Map.of(name, value, "Content-Type", "application/json"));
                break;
            case RESPONSE_BODY:
                response.setBody("{\"user\":\"bob\",\"" + name + "\":\"" + value.replace("\n", "\\n") + "\"}");
                break;
            case EMF_METADATA:
                metrics.addMetadata(name, value);
                break;
            case UNCAUGHT_EXCEPTION:
                log.info(DONE);
                throw new IllegalStateException("sign-in failed: " + name + "=" + value);
            default:
                throw new IllegalArgumentException(placement.name());
        }
        log.info(DONE);
        return response;
    }
}
