/**
 * Internal to Lambda Lens: shared by its modules, not a public API. Classes here may change or disappear
 * in any release without notice; do not use them from application code.
 */
package dev.lambdalens.tracing.internal.aws;
