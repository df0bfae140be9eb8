package dev.lambdalens.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A private copy of the runtime interface client's native library for the child JVMs of this test JVM.
 *
 * <p>Left to itself, every function JVM unpacks the library to the same {@code /tmp/.libaws-lambda-jni.so},
 * replacing the file while other function JVMs (of parallel test runs on the same machine) have it mapped:
 * those crash with SIGBUS. The client loads the file named by the system property {@link #PROPERTY} instead
 * when it is set, so this class unpacks the library once per test JVM to a file of its own.
 */
final class RuntimeClientNativeLibrary {
    /** The system property the runtime client reads to load its native library from a given file. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private RuntimeClientNativeLibrary() {
    }

    /** The JVM option that points the child at the private copy, or {@code null} if there is none to give. */
    static String jvmOption() {
        Path copy = Holder.COPY;
        return copy == null ? null : "-D" + PROPERTY + "=" + copy;
    }

    private static final class Holder {
        static final Path COPY = unpack();
    }

    private static Path unpack() {
        String resource = "jni/libaws-lambda-jni." + platform() + ".so";
        try (InputStream in = RuntimeClientNativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // The client is not on this JVM's class path; the child then unpacks its own as usual.
                return null;
            }
            Path file = Files.createTempFile("lambda-lens-aws-lambda-jni-", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    private static String platform() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
                || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }
}
