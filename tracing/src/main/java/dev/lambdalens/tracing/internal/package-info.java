/**
 * Lambda Lens tracing internals: the subsegment model, its JSON writer, the daemon sender, the X-Ray SDK
 * bridge and the aspect. Not a public API: it may change without notice.
 */
package dev.lambdalens.tracing.internal;
