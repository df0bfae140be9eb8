package dev.lambdalens.logging.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.logging.CorrelationIdPaths;
import dev.lambdalens.logging.LambdaLogging;

import java.util.List;

/**
 * A typed SQS function that logs its event and its response and reads its correlation id from the event, so
 * that a test can see which classes that loads.
 */
public class EventClassLoadHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final RequestHandler<SQSEvent, SQSBatchResponse> observed =
            ObservedHandler.<SQSEvent, SQSBatchResponse>wrap(this::handle)
                    .with(LambdaLogging.builder().logEvent(true).logResponse(true)
                            .correlationIdPath(CorrelationIdPaths.SQS).build())
                    .build();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return observed.handleRequest(event, context);
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        return SQSBatchResponse.builder().withBatchItemFailures(
                List.of(new SQSBatchResponse.BatchItemFailure(event.getRecords().get(0).getMessageId()))).build();
    }
}
