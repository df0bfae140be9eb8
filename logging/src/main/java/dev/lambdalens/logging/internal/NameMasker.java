package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.FieldMasker;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Masks fields by name, at any depth, ignoring case ({@code Authorization}, {@code authorization}): HTTP
 * header names arrive in any case. Looks names up without allocating.
 */
public final class NameMasker implements FieldMasker {
    private final TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final String mask;

    public NameMasker(Collection<String> names, String mask) {
        this.names.addAll(names);
        this.mask = mask;
    }

    @Override
    public Object mask(JsonStreamContext context) {
        return context.hasCurrentName() && names.contains(context.getCurrentName()) ? mask : null;
    }
}
