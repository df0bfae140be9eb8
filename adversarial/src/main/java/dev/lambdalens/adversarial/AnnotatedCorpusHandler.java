package dev.lambdalens.adversarial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.tracing.Tracing;

/** The corpus with the quick start's annotations, woven by ajc. */
public final class AnnotatedCorpusHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    @Override
    @Logging(logEvent = true)
    @Tracing
    @FlushMetrics(namespace = "Adversarial", captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return CorpusCase.run(event, metrics);
    }
}
