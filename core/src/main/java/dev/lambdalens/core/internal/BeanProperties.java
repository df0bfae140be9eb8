package dev.lambdalens.core.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The readable properties of a bean or record, found once per class: record components, or public
 * {@code getX()} / {@code isX()} methods. Lets metadata values such as an API Gateway response event be
 * written as JSON without Jackson, whose first use costs a fresh JVM over 100 ms.
 */
public final class BeanProperties {
    private static final ClassValue<Property[]> PROPERTIES = new ClassValue<>() {
        @Override
        protected Property[] computeValue(Class<?> type) {
            return find(type);
        }
    };

    /** A named comparator: a lambda here would be spun up during the first invocation that captures a bean. */
    private static final Comparator<Property> BY_NAME = new Comparator<>() {
        @Override
        public int compare(Property a, Property b) {
            return a.name.compareTo(b.name);
        }
    };

    private BeanProperties() {
    }

    /** The properties of {@code type}: a record's in declaration order, a bean's by name; empty when none. */
    public static Property[] of(Class<?> type) {
        return PROPERTIES.get(type);
    }

    /** One property: its JSON name and its getter. */
    public static final class Property {
        public final String name;
        public final Method getter;

        Property(String name, Method getter) {
            this.name = name;
            this.getter = getter;
        }
    }

    private static Property[] find(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                properties.add(new Property(component.getName(), accessible(component.getAccessor())));
            }
            return properties.toArray(new Property[0]);
        }
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
                    || method.getReturnType() == void.class || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = propertyName(method);
            if (name != null) {
                properties.add(new Property(name, accessible(method)));
            }
        }
        properties.sort(BY_NAME);
        return properties.toArray(new Property[0]);
    }

    private static String propertyName(Method method) {
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2
                && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    private static String decapitalize(String name) {
        // Not "+": a char-and-string concatenation spins up a dozen method handle classes on first use.
        char[] chars = name.toCharArray();
        chars[0] = Character.toLowerCase(chars[0]);
        return new String(chars);
    }

    /** Public getters of non-public classes need this to be called; where it is refused, the call may still work. */
    private static Method accessible(Method method) {
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            // InaccessibleObjectException: left as is.
        }
        return method;
    }
}
