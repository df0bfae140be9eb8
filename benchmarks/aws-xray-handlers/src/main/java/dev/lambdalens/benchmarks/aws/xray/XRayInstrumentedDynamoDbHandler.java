package dev.lambdalens.benchmarks.aws.xray;

import dev.lambdalens.benchmarks.aws.lens.LensDynamoDbHandler;

/**
 * {@link LensDynamoDbHandler}'s code on a class path that also holds the X-Ray SDK's AWS SDK v2 instrumentor:
 * X-Ray SDK interop is on, the X-Ray SDK records the DynamoDB call and Lambda Lens's interceptor steps aside.
 * Its own class only so that this module has the classes the runner expects of each class path.
 */
public final class XRayInstrumentedDynamoDbHandler extends LensDynamoDbHandler {
}
