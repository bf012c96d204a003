package dev.churnops.e2e;

import dev.churnops.handlers.Services;

/**
 * Run by {@link FunctionsJarIT} in a child JVM whose class path is this class and
 * churnops-functions.jar, nothing else: does what the Lambda runtime does with each handler class
 * named in the arguments (load it, call its no-argument constructor, which builds the adapter set
 * from the environment), logs one line through SLF4J as the SDK would, and prints what it built.
 */
public final class FunctionsJarProbe {

    private FunctionsJarProbe() {
    }

    public static void main(String[] handlers) throws Exception {
        Services services = Services.fromEnvironment();
        System.out.println("blobs=" + services.blobs().getClass().getName());
        System.out.println("registry=" + services.registry().getClass().getName());
        System.out.println("metrics=" + services.metrics().getClass().getName());
        for (String handler : handlers) {
            Object h = Class.forName(handler).getConstructor().newInstance();
            System.out.println("constructed=" + h.getClass().getName());
        }
        org.slf4j.LoggerFactory.getLogger("dev.churnops.probe").info("probe done");
    }
}
