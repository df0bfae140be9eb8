/**
 * Internals of the logging module. Not a public API: classes here may change or disappear without notice.
 */
package dev.lambdalens.logging.internal;
