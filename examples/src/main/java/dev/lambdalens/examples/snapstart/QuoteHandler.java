package dev.lambdalens.examples.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lambdalens.examples.orders.ApiResponses;
import dev.lambdalens.examples.orders.PriceList;
import dev.lambdalens.logging.CorrelationIdPaths;
import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.metrics.Metrics;
import dev.lambdalens.metrics.MetricsFactory;
import dev.lambdalens.metrics.model.MetricUnit;
import dev.lambdalens.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code GET /quote?item=tea&quantity=3}: the price of an order, from a function deployed with SnapStart.
 *
 * <p>SnapStart takes a snapshot of the initialized execution environment when a version is published and starts
 * new environments from it. Whatever ran before the snapshot is not paid again. Lambda Lens primes itself, with
 * no code here: in a SnapStart environment ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) it registers a CRaC
 * resource when it is first used during init (here, the static logger), and before the snapshot it runs a log
 * line through the JSON encoder and its masking, an EMF document through the serializer and a subsegment into a
 * datagram, writing and sending nothing; after each restore it draws new id seeds and reopens the daemon socket.
 * This handler primes only its own code, in its constructor (init runs before the snapshot): the quote path once
 * (JSON writing, price lookup) and one log line saying so. Priming records no metric and no trace: it belongs to
 * no invocation, and a fake invocation would count as a real one in CloudWatch.
 *
 * <p>The first invocation after a restore is not a cold start (no {@code ColdStart} metric or annotation), since
 * the initialization happened before any caller waited.
 */
public class QuoteHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final PriceList prices = new PriceList();

    public QuoteHandler() {
        prime();
    }

    @Override
    @Logging(correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST)
    @Tracing
    @FlushMetrics(captureColdStart = true)
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        APIGatewayProxyResponseEvent response = quote(request.getQueryStringParameters());
        METRICS.addMetric("Quotes", 1, MetricUnit.COUNT);
        LOG.atInfo().addKeyValue("status", response.getStatusCode()).log("quote answered");
        return response;
    }

    /** The quote for {@code item} and {@code quantity}; 400 when either is missing or unknown. */
    APIGatewayProxyResponseEvent quote(Map<String, String> query) {
        String item = query == null ? null : query.get("item");
        int quantity;
        try {
            quantity = Integer.parseInt(query == null ? "1" : query.getOrDefault("quantity", "1"));
        } catch (NumberFormatException e) {
            return ApiResponses.message(400, "quantity must be a number");
        }
        OptionalLong unitPrice = item == null ? OptionalLong.empty() : prices.unitPriceCents(item);
        if (unitPrice.isEmpty() || quantity < 1) {
            return ApiResponses.message(400, "Give an item we sell and a quantity of at least 1");
        }
        return ApiResponses.json(200, Map.of("item", item, "quantity", quantity,
                "totalCents", unitPrice.getAsLong() * quantity));
    }

    /** The function's own priming: the quote path once and one log line (Lambda Lens primes itself). */
    private void prime() {
        long startNanos = System.nanoTime();
        APIGatewayProxyResponseEvent response = quote(Map.of("item", "tea", "quantity", "1"));
        LOG.atInfo().addKeyValue("primingMillis", (System.nanoTime() - startNanos) / 1_000_000)
                .log("quote path primed during init, before the SnapStart snapshot (status {})", response.getStatusCode());
    }
}
