package dev.churnops.local.adapter;

import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local stand-in for SNS: each notification is appended as one JSON line to
 * {@code <home>/outbox/notifications.jsonl} and its subject printed to the console.
 */
public final class OutboxNotifier implements Notifier {

    private final Path outbox;
    private final PrintStream console;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public OutboxNotifier(Path outbox, PrintStream console, Clock clock) {
        this.outbox = outbox;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public synchronized String publish(Notification notification) {
        String id = "local-" + clock.millis() + "-" + sequence.incrementAndGet();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message_id", id);
        line.put("timestamp", clock.instant().toString());
        line.put("severity", notification.severity().name());
        line.put("subject", notification.subject());
        line.put("message", notification.body());
        line.put("attributes", notification.attributes());
        try {
            Files.createDirectories(outbox.getParent());
            // One line per message: the shared mapper indents, which would spread a message over many lines.
            byte[] json = dev.churnops.core.json.Json.mapper().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(line);
            Files.write(outbox, (new String(json, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the outbox " + outbox, e);
        }
        if (console != null) {
            console.println("[" + notification.severity() + "] " + notification.subject());
        }
        return id;
    }
}
