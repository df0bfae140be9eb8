/**
 * The service provider interface modules build on: the interceptor chain ({@link dev.lambdalens.core.spi.Interception}),
 * per-invocation state and hooks ({@link dev.lambdalens.core.spi.ScopeState}, {@link dev.lambdalens.core.spi.ScopeKey}),
 * thread-bound state that travels with a scope ({@link dev.lambdalens.core.spi.ThreadContextCarrier}), typed settings
 * with reported mistakes ({@link dev.lambdalens.core.spi.SettingsReader}) and where finished documents go
 * ({@link dev.lambdalens.core.spi.DocumentSink}). Stable for module authors; application code needs none of it.
 */
package dev.lambdalens.core.spi;
