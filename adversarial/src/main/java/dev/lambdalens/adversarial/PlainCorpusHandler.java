package dev.lambdalens.adversarial;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.LambdaLogging;
import dev.lambdalens.metrics.LambdaMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.tracing.LambdaTracing;

/** The corpus in plain Java: the same interceptors without weaving. */
public final class PlainCorpusHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> observed =
            ObservedHandler.wrap(this::handle)
                    .with(LambdaLogging.builder().logEvent(true).build())
                    .with(LambdaTracing.interceptor())
                    .with(LambdaMetrics.builder().metrics(metrics).namespace("Adversarial").captureColdStart(true)
                            .build())
                    .build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return observed.handleRequest(event, context);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        return CorpusCase.run(event, metrics);
    }
}
