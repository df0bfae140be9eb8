package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.tracing.TracingSettings;

/**
 * Whether Lens subsegments are also the X-Ray SDK's current entity. Unset, it follows the class path: on when
 * the X-Ray SDK's AWS SDK v2 instrumentation is there (its calls then nest under Lens subsegments); set to
 * {@code true} without the X-Ray SDK, it is reported and stays off.
 */
final class SdkInterop {
    static final String SDK_V2_INSTRUMENTATION = "com/amazonaws/xray/interceptors/TracingInterceptor.class";
    static final String XRAY_SDK = "com/amazonaws/xray/AWSXRay.class";

    private SdkInterop() {
    }

    static boolean decide(Boolean setting, Diagnostics diagnostics) {
        ClassLoader loader = SdkInterop.class.getClassLoader();
        if (setting == null) {
            return loader.getResource(SDK_V2_INSTRUMENTATION) != null;
        }
        if (!setting) {
            return false;
        }
        if (loader.getResource(XRAY_SDK) == null) {
            diagnostics.reportOnce("tracing:sdk-missing", TracingSettings.SDK_INTEROP + "=true but the X-Ray SDK "
                    + "(com.amazonaws:aws-xray-recorder-sdk-core) is not on the class path; interop stays off", null);
            return false;
        }
        return true;
    }
}
