package dev.lambdalens.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Answers with what it sees of its Context, the trace header property and the Lambda environment. */
public class ContextReportingHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VARIABLES = {
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "_HANDLER", "TZ",
            "AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_PORT",
            "AWS_XRAY_CONTEXT_MISSING", "AWS_LAMBDA_MAX_CONCURRENCY", "_X_AMZN_TRACE_ID", "EXTRA_VARIABLE"};

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode report = JSON.createObjectNode();
        report.put("requestId", context.getAwsRequestId());
        report.put("functionName", context.getFunctionName());
        report.put("functionArn", context.getInvokedFunctionArn());
        report.put("memoryLimitInMB", context.getMemoryLimitInMB());
        report.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        report.put("xrayTraceId", context.getXrayTraceId());
        report.put("traceHeaderProperty", System.getProperty("com.amazonaws.xray.traceHeader"));
        report.put("javaVersion", Runtime.version().feature());
        report.put("customProperty", System.getProperty("lambdalens.custom"));
        ObjectNode env = report.putObject("env");
        for (String name : VARIABLES) {
            env.put(name, System.getenv(name));
        }
        System.out.println("trace " + context.getAwsRequestId() + " " + context.getXrayTraceId());
        JSON.writeValue(output, report);
    }
}
