package dev.churnops.core.monitoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants in monitoring state documents as ISO-8601 UTC text ({@code 2024-05-01T06:00:00Z}). The shared
 * mapper has no java.time module, and adding one to core for a handful of fields would change how
 * every other document is read; these two small classes keep the change local.
 */
final class IsoInstant {

    private IsoInstant() {
    }

    /** Writes {@link Instant#toString()}. */
    static final class Writer extends StdSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads ISO-8601 UTC text; anything else fails with a sentence showing the value and the form expected. */
    static final class Reader extends StdDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("the timestamp is " + p.getText()
                        + ": expected ISO-8601 UTC text such as 2024-05-01T06:00:00Z.");
            }
            String text = p.getText();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the timestamp is '" + text
                        + "': expected ISO-8601 UTC text such as 2024-05-01T06:00:00Z.");
            }
        }
    }
}
