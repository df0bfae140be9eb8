/**
 * Structured JSON logs for Lambda handlers: {@link dev.lambdalens.logging.Logging} on a handler (woven), or
 * {@link dev.lambdalens.logging.LambdaLogging} in plain Java (its builder makes the
 * {@link dev.lambdalens.logging.LoggingInterceptor}; invocation keys, correlation ids, the log buffer), the
 * Logback {@link dev.lambdalens.logging.LambdaJsonAppender} and {@link dev.lambdalens.logging.LambdaJsonEncoder}
 * (one logstash provider per field group), configured by {@link dev.lambdalens.logging.LoggingSettings}.
 */
package dev.lambdalens.logging;
