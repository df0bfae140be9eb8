/**
 * Helpers for Lambda Lens's own tests, never published: {@link dev.lambdalens.testsupport.SharedSchemas}
 * validates output against the project's shared JSON schemas (EMF, X-Ray segment, SAM). Modules depend on it
 * with test scope only; users get the in-JVM kit of {@code dev.lambdalens.testing} instead.
 */
package dev.lambdalens.testsupport;
