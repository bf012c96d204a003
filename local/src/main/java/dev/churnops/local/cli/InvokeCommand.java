package dev.churnops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.Handlers;
import dev.churnops.handlers.JsonHandler;
import dev.churnops.handlers.Services;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code churnops invoke <handler> --event FILE}: runs one handler on one event, as Lambda would. */
@Command(name = "invoke", description = "Run one step handler on one event file and print its JSON result.")
final class InvokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "HANDLER",
            description = "Function name (ValidateDataFunction, …) or handler class (ValidateDataHandler, …).")
    String handler;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "The event JSON, as in events/.")
    Path event;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(event)) {
            throw new CliException(CliException.USAGE, "event file '" + event + "' does not exist");
        }
        JsonNode payload;
        try {
            payload = Json.tree(Files.readAllBytes(event), "event file '" + event + "'");
        } catch (Json.InvalidDocumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        Services services = home.services(System.err);
        JsonHandler<?, ?> target = null;
        for (var entry : Handlers.all().entrySet()) {
            JsonHandler<?, ?> h = entry.getValue().apply(services);
            if (entry.getKey().equals(handler) || h.getClass().getSimpleName().equals(handler)) {
                target = h;
            }
        }
        if (target == null) {
            throw new CliException(CliException.USAGE, "no handler named '" + handler + "'; expected one of "
                    + String.join(", ", Handlers.all().keySet()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            target.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(payload)), out, null);
        } catch (JsonHandler.InvalidEventException | dev.churnops.core.port.BlobStore.MissingBlobException e) {
            // A malformed event, or one naming data this home does not hold: the user's to fix.
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        spec.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Json.tree(out.toByteArray(), "result")));
        return 0;
    }
}
