package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;

/**
 * The outermost generator of a line. While a provider writes keys that come from the user (structured
 * arguments, markers, providers added in logback.xml), a top-level key with a {@link ReservedKeys reserved}
 * name is written as {@code extra_<name>}, so that the line never has the same key twice; the Lambda Lens
 * providers write with renaming off. One per thread's reusable line, so renaming costs no allocation unless a
 * key is actually renamed.
 */
public final class UserKeysGenerator extends JsonGeneratorDelegate {
    private boolean userKeys;

    public UserKeysGenerator(JsonGenerator delegate) {
        super(delegate, true);
    }

    /** Whether the keys written from now on come from the user; returns the previous setting to restore. */
    public boolean userKeys(boolean on) {
        boolean previous = userKeys;
        userKeys = on;
        return previous;
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        super.writeFieldName(renamed(name));
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        if (userKeys && atTopLevel() && ReservedKeys.isReserved(name.getValue())) {
            super.writeFieldName(ReservedKeys.RENAME_PREFIX.concat(name.getValue()));
        } else {
            super.writeFieldName(name);
        }
    }

    private String renamed(String name) {
        return userKeys && name != null && atTopLevel() && ReservedKeys.isReserved(name)
                ? ReservedKeys.RENAME_PREFIX.concat(name) : name;
    }

    /** Whether the next key is one of the line's own keys (not inside a value). */
    private boolean atTopLevel() {
        JsonStreamContext context = getOutputContext();
        JsonStreamContext parent = context == null ? null : context.getParent();
        return parent != null && parent.inRoot();
    }

    /** Runs with user keys on when {@code generator} is a line's generator; else it is left as is. */
    static boolean enter(JsonGenerator generator) {
        return generator instanceof UserKeysGenerator && ((UserKeysGenerator) generator).userKeys(true);
    }

    /** Restores what {@link #enter} returned. */
    static void exit(JsonGenerator generator, boolean previous) {
        if (generator instanceof UserKeysGenerator) {
            ((UserKeysGenerator) generator).userKeys(previous);
        }
    }
}
