package dev.lambdalens.core.spi;

/** Initializes a module's aspect class ahead of its first join point, for priming; absent aspects are skipped. */
public final class Aspects {
    private Aspects() {
    }

    /** Loads and initializes {@code className} (an ajc aspect creates its instance then); false when absent. */
    public static boolean initialize(String className) {
        try {
            Class.forName(className, true, Aspects.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
