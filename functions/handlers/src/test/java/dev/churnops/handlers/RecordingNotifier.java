package dev.churnops.handlers;

import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notifier;
import java.util.ArrayList;
import java.util.List;

/** A fake {@link Notifier} that keeps every notification and numbers the message ids. */
final class RecordingNotifier implements Notifier {

    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized String publish(Notification notification) {
        sent.add(notification);
        return "message-" + sent.size();
    }

    synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }
}
