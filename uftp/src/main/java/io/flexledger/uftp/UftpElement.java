package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlTransient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Base of every UFTP element: value equality over all of its fields (those of its superclasses
 * included), so that a message read back equals the message written.
 */
@XmlTransient
public abstract class UftpElement {

    private List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = getClass(); c != UftpElement.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    f.setAccessible(true);
                    out.add(f);
                }
            }
        }
        return out;
    }

    private Object[] values() {
        List<Field> fields = fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = fields.get(i).get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    @Override
    public final boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || other.getClass() != getClass()) {
            return false;
        }
        return Arrays.deepEquals(values(), ((UftpElement) other).values());
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), Arrays.deepHashCode(values()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('{');
        List<Field> fields = fields();
        Object[] values = values();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            if (sb.charAt(sb.length() - 1) != '{') {
                sb.append(", ");
            }
            sb.append(fields.get(i).getName()).append('=');
            sb.append(v instanceof byte[] ? ((byte[]) v).length + " bytes" : v);
        }
        return sb.append('}').toString();
    }
}
