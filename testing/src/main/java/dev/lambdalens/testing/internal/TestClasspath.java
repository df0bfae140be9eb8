package dev.lambdalens.testing.internal;

/** Finds the class path of the running tests, to give the child JVM the same classes. */
public final class TestClasspath {

    private TestClasspath() {
    }

    /**
     * Under Maven Surefire {@code java.class.path} may hold only the booter jar, whose manifest points at the
     * real entries; Surefire publishes those in {@code surefire.test.class.path}.
     */
    public static String current() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        return System.getProperty("java.class.path");
    }
}
