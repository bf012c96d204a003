package dev.churnops.handlers;

import java.util.Map;

/** Builds a set of adapters from environment variables; found with {@link java.util.ServiceLoader}. */
public interface ServicesFactory {

    /** The value of {@code CHURNOPS_ADAPTERS} that selects this factory, such as {@code local} or {@code aws}. */
    String name();

    Services create(Map<String, String> environment);
}
