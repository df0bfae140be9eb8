/**
 * Internal implementation of the Lambda Lens testing kit. Nothing in this package is public API: it may change
 * at any time without notice. Use the types of {@code dev.lambdalens.testing} instead.
 */
package dev.lambdalens.testing.internal;
