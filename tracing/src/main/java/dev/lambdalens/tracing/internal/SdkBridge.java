package dev.lambdalens.tracing.internal;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The only class that touches the X-Ray SDK, loaded only when SDK interop is on. For each span made current
 * it puts a stand-in SDK subsegment with the span's id, trace and parent into the SDK's thread-local context,
 * so the SDK's own subsegments (AWS SDK v2 calls through {@code TracingInterceptor}, {@code AWSXRay} calls)
 * become its children. The stand-ins are never ended through the SDK, so the SDK never sends them; their
 * SDK children are written into the span's document by {@link #appendChildren(Object, StringBuilder)}.
 *
 * <p>It also puts the invocation's trace header in the AWS SDK's thread-local, where the X-Ray SDK looks
 * first: otherwise, on a thread where that is unset, a stale {@code _X_AMZN_TRACE_ID} in the environment
 * makes the X-Ray SDK drop the stand-in and record the call under another trace.
 */
final class SdkBridge {
    /** The key of the trace header in the AWS SDK's thread-local, as the runtime client and X-Ray SDK use it. */
    private static final String TRACE_HEADER_KEY = "AWS_LAMBDA_X_TRACE_ID";

    private SdkBridge() {
    }

    /** What a thread had before a span was made current on it. */
    private static final class Previous {
        final Entity entity;
        final String header;

        Previous(Entity entity, String header) {
            this.entity = entity;
            this.header = header;
        }
    }

    /** Makes the stand-in of {@code span} the SDK's current entity; returns what it replaces. */
    static Object enter(Span span) {
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        Entity previous = recorder.getTraceEntity();
        Subsegment mirror = mirror(recorder, span);
        String previousHeader = SdkInternalThreadLocal.get(TRACE_HEADER_KEY);
        // The AWS SDK keeps these values in an InheritableThreadLocal map that threads started by a handler
        // thread share with it, map and all: writing into it would change the header other invocations'
        // threads see. Clearing first gives this thread a map of its own.
        SdkInternalThreadLocal.clear();
        SdkInternalThreadLocal.put(TRACE_HEADER_KEY, lambdaHeader(span));
        // Set last: if anything above failed, the thread's context is unchanged and nothing needs undoing.
        recorder.setTraceEntity(mirror);
        return new Previous(previous, previousHeader);
    }

    /** Restores what {@link #enter(Span)} returned. */
    static void exit(Object state) {
        Previous previous = (Previous) state;
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        if (previous.entity == null) {
            recorder.clearTraceEntity();
        } else {
            recorder.setTraceEntity(previous.entity);
        }
        SdkInternalThreadLocal.clear();
        if (previous.header != null) {
            SdkInternalThreadLocal.put(TRACE_HEADER_KEY, previous.header);
        }
    }

    /** The header Lambda sent for the span's invocation: its trace and the Lambda segment as parent. */
    private static String lambdaHeader(Span span) {
        Span root = span;
        while (root.parent() != null) {
            root = root.parent();
        }
        return "Root=" + root.traceId() + ";Parent=" + root.parentId() + ";Sampled=1";
    }

    /**
     * Initializes the X-Ray SDK and Jackson's serializers for its entities: makes {@code span}'s stand-in,
     * puts an SDK subsegment under it and writes that, as the first AWS SDK call would. Nothing is sent.
     */
    static void prime(Span span) {
        Object previous = enter(span);
        try {
            AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
            Subsegment mirror = (Subsegment) span.sdkMirror;
            Subsegment child = new SubsegmentImpl(recorder, "prime", mirror.getParentSegment());
            child.putAnnotation("prime", true);
            child.setEndTime(span.startMicros() / 1_000_000d);
            child.serialize();
        } finally {
            exit(previous);
        }
    }

    /** Appends the SDK subsegments recorded under the stand-in, each preceded by a comma. */
    static int appendChildren(Object mirror, StringBuilder out) {
        int count = 0;
        for (Subsegment child : ((Subsegment) mirror).getSubsegmentsCopy()) {
            out.append(',').append(child.serialize());
            count++;
        }
        return count;
    }

    private static Subsegment mirror(AWSXRayRecorder recorder, Span span) {
        Object existing = span.sdkMirror;
        if (existing != null) {
            return (Subsegment) existing;
        }
        synchronized (span.lock()) {
            if (span.sdkMirror != null) {
                return (Subsegment) span.sdkMirror;
            }
            Entity parent;
            Segment segment;
            if (span.parent() == null) {
                segment = new FacadeSegment(recorder, TraceID.fromString(span.traceId()), span.parentId(),
                        TraceHeader.SampleDecision.SAMPLED);
                parent = segment;
            } else {
                Subsegment parentMirror = mirror(recorder, span.parent());
                segment = parentMirror.getParentSegment();
                parent = parentMirror;
            }
            SubsegmentImpl mirror = new SubsegmentImpl(recorder, span.name(), segment);
            mirror.setId(span.id());
            mirror.setParent(parent);
            mirror.setStartTime(span.startMicros() / 1_000_000d);
            span.sdkMirror = mirror;
            return mirror;
        }
    }
}
