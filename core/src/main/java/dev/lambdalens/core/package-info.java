/**
 * What a function's code touches: {@link dev.lambdalens.core.ObservedHandler} to observe a handler without
 * AspectJ, {@link dev.lambdalens.core.InvocationScope} for the current invocation's ids and for handing work to
 * other threads, {@link dev.lambdalens.core.LensRuntime} and {@link dev.lambdalens.core.Configuration} for tests
 * and code that configures Lambda Lens, and the X-Ray {@link dev.lambdalens.core.TraceHeader}. Module authors
 * build on {@link dev.lambdalens.core.spi}.
 */
package dev.lambdalens.core;
