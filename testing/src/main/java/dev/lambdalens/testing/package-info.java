/**
 * The Lambda Lens test kit: run and observe Lambda functions in tests.
 *
 * <ul>
 *   <li>{@link dev.lambdalens.testing.LocalLambdaRuntime}: runs a handler in a child JVM through the real AWS
 *       Lambda runtime interface client, against a local Runtime API; each
 *       {@link dev.lambdalens.testing.Invocation} reports status, response, error, trace header and the output
 *       lines the function wrote for it.</li>
 *   <li>{@link dev.lambdalens.testing.LocalXRayDaemon}: a UDP listener that collects the segment documents the
 *       X-Ray SDK sends.</li>
 *   <li>{@link dev.lambdalens.testing.TestContext}: a Lambda {@code Context} for unit tests of handlers.</li>
 *   <li>{@link dev.lambdalens.testing.LocalLambdaExtension}: a JUnit 5 extension owning a daemon and a
 *       runtime per test class.</li>
 *   <li>{@link dev.lambdalens.testing.TestLens}: Lambda Lens in the test's own JVM (map environment,
 *       {@link dev.lambdalens.testing.TestClock}, captured diagnostics, and the log lines, EMF documents and
 *       X-Ray documents of its invocations, parsed); {@link dev.lambdalens.testing.TestLensExtension} gives a
 *       fresh one per test.</li>
 * </ul>
 *
 * Types in {@code dev.lambdalens.testing.internal} are not API.
 */
package dev.lambdalens.testing;
