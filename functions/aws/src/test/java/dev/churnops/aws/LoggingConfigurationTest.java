package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The module's log4j2.xml: SLF4J reaches Log4j, whose one appender writes Powertools' JSON layout. */
class LoggingConfigurationTest {

    @Test
    void slf4jLogsGoToTheJsonAppenderInPowertoolsLayout() {
        LoggerContext context = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        Appender appender = context.getConfiguration().getAppender("JsonAppender");
        assertNotNull(appender, "log4j2.xml was not the configuration loaded");
        assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory", org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
        assertEquals("JsonTemplateLayout", appender.getLayout().getClass().getSimpleName());

        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("software.amazon.awssdk.request").setLevel(Level.WARN)
                .setMessage(new SimpleMessage("Received error response")).build();
        JsonNode line = Json.tree(appender.getLayout().toSerializable(event).toString().getBytes(StandardCharsets.UTF_8), "log line");

        assertEquals("WARN", line.get("level").asText());
        assertEquals("Received error response", line.get("message").asText());
        assertNotNull(line.get("timestamp"), line::toString);
    }
}
