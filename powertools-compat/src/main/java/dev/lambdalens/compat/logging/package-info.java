/**
 * Powertools' {@code PowertoolsLogging}, {@code StructuredArguments} and logback {@code BufferingAppender} over
 * {@link dev.lambdalens.logging.LambdaLogging}, logstash's structured arguments and the invocation scope.
 */
package dev.lambdalens.compat.logging;
