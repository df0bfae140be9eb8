/**
 * The names a Powertools for AWS Lambda (Java) v2 project's code and {@code logback.xml} contain, over Lambda
 * Lens's own API: {@link dev.lambdalens.compat.tracing.TracingUtils},
 * {@link dev.lambdalens.compat.logging.PowertoolsLogging}, {@link dev.lambdalens.compat.logging.StructuredArguments}
 * and {@link dev.lambdalens.compat.logging.BufferingAppender}. The OpenRewrite recipe
 * {@code dev.lambdalens.compat.MigrateFromPowertools} (in this jar) rewrites a Powertools project onto them.
 * New code should use Lambda Lens's API directly ({@code LambdaTracing}, {@code LambdaLogging}, logstash's
 * {@code StructuredArguments}).
 */
package dev.lambdalens.compat;
