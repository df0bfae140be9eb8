package dev.lambdalens.tracing.internal.aws;

import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.TraceHeader;
import dev.lambdalens.tracing.internal.CurrentSpan;
import dev.lambdalens.tracing.internal.Span;
import dev.lambdalens.tracing.internal.Tracer;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

import java.util.Optional;

/**
 * Records each AWS SDK for Java v2 call as a subsegment with the fields the X-Ray console and service map read
 * for an AWS call ({@code namespace: "aws"}, the service as name, {@code aws.operation}, {@code region},
 * {@code request_id}, {@code retries}, the resource, {@code http.response}, {@code error} / {@code throttle} /
 * {@code fault} with the cause), and sends the call with an {@code X-Amzn-Trace-Id} header naming that
 * subsegment as parent, so the service's own segment joins the trace.
 *
 * <p>The SDK finds it through {@code software/amazon/awssdk/global/handlers/execution.interceptors} and adds
 * it to every client. One subsegment per API call: it starts in {@code beforeExecution}, which runs on the
 * calling thread (for async clients too), so its parent is the subsegment current there; attempts are counted
 * in {@code beforeTransmission}; it ends in {@code afterExecution} or {@code onExecutionFailure}, on whichever
 * thread completes the call. The state of a call lives in its execution attributes, never in a thread-local.
 *
 * <p>Does nothing when the call is not traced: tracing off, no sampled invocation on the calling thread, or the
 * X-Ray SDK's own {@code TracingInterceptor} on the class path with X-Ray SDK interop on (then that records
 * the call, nested under the current Lens subsegment, as before). Never throws into the call.
 */
public final class AwsCallInterceptor implements ExecutionInterceptor {
    /** The call this interceptor records; also tells a second instance on the same client to stay out. */
    static final ExecutionAttribute<AwsCall> CALL = new ExecutionAttribute<>("dev.lambdalens.tracing.AwsCall");
    static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static final boolean XRAY_INTERCEPTOR_PRESENT = AwsCallInterceptor.class.getClassLoader()
            .getResource("com/amazonaws/xray/interceptors/TracingInterceptor.class") != null;

    /** For the SDK's class-path discovery; {@code AwsSdkTracing.interceptor()} for adding it by hand. */
    public AwsCallInterceptor() {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(CALL) != null) {
            return; // added by hand as well as found on the class path: the first one records
        }
        Span span = null;
        try {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            InvocationScope scope = InvocationScope.current();
            span = start(scope, service != null ? service : "aws");
            if (span == null) {
                return;
            }
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            span.markRemote("aws");
            span.putAws("operation", operation);
            Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            if (region != null) {
                span.putAws("region", region.id());
            }
            AwsResourceFields.record(service, operation, context.request(), span);
            attributes.putAttribute(CALL, new AwsCall(span, lineage(scope, span)));
        } catch (RuntimeException | LinkageError e) {
            if (span != null) {
                span.tracer().diagnostics().reportOnce("tracing:aws-sdk",
                        "could not record an AWS SDK call; it runs untraced", e);
                span.tracer().end(span);
            }
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        AwsCall call = attributes.getAttribute(CALL);
        if (call == null) {
            return context.httpRequest();
        }
        // Replaces the header the SDK's TraceIdExecutionInterceptor may have set from Lambda's: that names the
        // function's segment as parent, this names the call's subsegment.
        return context.httpRequest().toBuilder().putHeader(TRACE_HEADER, call.traceHeader).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        AwsCall call = attributes.getAttribute(CALL);
        if (call != null) {
            call.attempt();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        AwsCall call = attributes.getAttribute(CALL);
        if (call == null) {
            return;
        }
        Span span = call.span;
        try {
            span.putAws("retries", call.retries());
            SdkHttpResponse response = context.httpResponse();
            recordResponse(span, response, requestId(context.response()));
            span.markStatus(response.statusCode());
        } catch (RuntimeException | LinkageError e) {
            span.tracer().diagnostics().reportOnce("tracing:aws-sdk",
                    "could not record the response of an AWS SDK call", e);
        } finally {
            span.tracer().end(span);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        AwsCall call = attributes.getAttribute(CALL);
        if (call == null) {
            return;
        }
        Span span = call.span;
        try {
            span.putAws("retries", call.retries());
            Throwable error = context.exception();
            int status = 0;
            String requestId = null;
            if (error instanceof SdkServiceException) {
                SdkServiceException serviceError = (SdkServiceException) error;
                status = serviceError.statusCode();
                requestId = serviceError.requestId();
                if (serviceError.isThrottlingException()) {
                    span.markThrottle(); // DynamoDB throttles with 400 and a throttling error code
                }
            }
            Optional<SdkHttpResponse> response = context.httpResponse();
            if (response.isPresent()) {
                recordResponse(span, response.get(), requestId);
                if (status <= 0) {
                    status = response.get().statusCode();
                }
            } else if (requestId != null) {
                span.putAws("request_id", requestId);
            }
            span.markStatus(status); // no status: the call failed on this side (connection refused...), a fault
            if (span.tracer().awsCallErrors()) {
                span.putCause(error, error instanceof SdkServiceException);
            }
        } catch (RuntimeException | LinkageError e) {
            span.tracer().diagnostics().reportOnce("tracing:aws-sdk",
                    "could not record the failure of an AWS SDK call", e);
        } finally {
            span.tracer().end(span);
        }
    }

    /**
     * The call's subsegment: a child of the subsegment current on this thread, else of the invocation's
     * segment; {@code null} when the call is not to be recorded.
     */
    private static Span start(InvocationScope scope, String name) {
        Span parent = CurrentSpan.get();
        if (parent != null) {
            Tracer tracer = parent.tracer();
            return tracer.enabled() && !xraySdkRecords(tracer) ? tracer.startChild(parent, name, true) : null;
        }
        if (scope == null) {
            return null; // init code, or a thread the invocation was not carried to
        }
        Tracer tracer = Tracer.of(scope.runtime());
        return xraySdkRecords(tracer) ? null : tracer.startInScope(scope, name, true);
    }

    /** Whether the X-Ray SDK's interceptor records AWS calls for this tracer (interop on and it is there). */
    private static boolean xraySdkRecords(Tracer tracer) {
        return XRAY_INTERCEPTOR_PRESENT && tracer.sdkInterop();
    }

    /** The invocation's Lineage, to pass on with the trace (Lambda's loop detection), or {@code null}. */
    private static String lineage(InvocationScope scope, Span span) {
        TraceHeader header = scope == null ? null : scope.traceHeader();
        return header != null && span.traceId().equals(header.root()) ? header.lineage() : null;
    }

    private static String requestId(SdkResponse response) {
        if (response instanceof AwsResponse) {
            String id = ((AwsResponse) response).responseMetadata().requestId();
            return "UNKNOWN".equals(id) ? null : id;
        }
        return null;
    }

    /** Request ids, status and content length of {@code response}; {@code requestId} when already known. */
    private static void recordResponse(Span span, SdkHttpResponse response, String requestId) {
        if (requestId == null) {
            requestId = header(response, "x-amzn-RequestId");
            if (requestId == null) {
                requestId = header(response, "x-amz-request-id");
            }
        }
        span.putAws("request_id", requestId);
        span.putAws("id_2", header(response, "x-amz-id-2"));
        span.putHttpResponse(response.statusCode(), contentLength(response));
    }

    private static String header(SdkHttpResponse response, String name) {
        return response.firstMatchingHeader(name).orElse(null);
    }

    private static long contentLength(SdkHttpResponse response) {
        String value = header(response, "Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
