package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.KEY;
import static dev.churnops.local.serve.ServeFixtures.get;
import static dev.churnops.local.serve.ServeFixtures.json;
import static dev.churnops.local.serve.ServeFixtures.post;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.BlobStore;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.DirectoryBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The feature table is read beside the start, not before it: serving starts while the table is
 * still being read, inline requests are answered meanwhile, and a lookup by id waits for the table
 * instead of answering "unknown customer". A table that cannot be read is reported, and only
 * lookups by id fail.
 */
class FeaturesLoadingTest {

    private static final String INLINE = "{\"customers\":[{\"customerId\":\"new-1\",\"features\":{\"tenure_months\":3}}]}";

    /** The trained home's blobs, with the read of the validated customer file held at a gate. */
    private static final class GatedBlobs implements BlobStore {
        final DirectoryBlobStore store;
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final boolean fail;

        GatedBlobs(Path home, boolean fail) {
            this.store = new DirectoryBlobStore(home);
            this.fail = fail;
        }

        @Override
        public Optional<byte[]> find(String key) {
            if (key.startsWith("validated/") && key.endsWith(".csv")) {
                reading.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (fail) {
                    throw new UncheckedIOException(new IOException("disk read error (test)"));
                }
            }
            return store.find(key);
        }

        @Override
        public void put(String key, byte[] content) {
            store.put(key, content);
        }

        @Override
        public boolean exists(String key) {
            return store.exists(key);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }

        @Override
        public List<String> list(String prefix) {
            return store.list(prefix);
        }
    }

    private static LocalScoringApi start(GatedBlobs blobs, Path home, ByteArrayOutputStream log) throws IOException {
        Services services = ServeFixtures.services(home);
        return LocalScoringApi.start(ServeFixtures.options().build(), ServeFixtures.settings().build(), services.registry(),
                blobs, home, Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void servesInlineRequestsWhileTheTableLoadsAndLookupsWaitForIt() throws Exception {
        Path home = ServeFixtures.trainedHome();
        GatedBlobs blobs = new GatedBlobs(home, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpClient client = ServeFixtures.client();
        try (LocalScoringApi api = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> start(blobs, home, log))) {
            assertTrue(blobs.reading.await(10, TimeUnit.SECONDS), "the table is being read");

            HttpResponse<String> inline = send(client, post(api.uri(), "/v1/scores", KEY, INLINE));
            assertEquals(200, inline.statusCode(), inline::body);

            CompletableFuture<HttpResponse<String>> byId = CompletableFuture.supplyAsync(
                    () -> send(client, get(api.uri(), "/v1/customers/C00001/score", KEY)));
            Thread.sleep(200);
            assertFalse(byId.isDone(), "a lookup by id waits for the table instead of answering without it");

            blobs.release.countDown();
            HttpResponse<String> response = byId.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response::body);
            assertEquals("C00001", json(response).at("/score/customerId").asText());
            assertTrue(api.featuresDescription().contains("validated/customers/"), api::featuresDescription);
        } finally {
            blobs.release.countDown();
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("customers loaded from validated/customers/"),
                () -> log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTableThatCannotBeReadIsReportedAndOnlyLookupsByIdFail() throws Exception {
        Path home = ServeFixtures.trainedHome();
        GatedBlobs blobs = new GatedBlobs(home, true);
        blobs.release.countDown();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpClient client = ServeFixtures.client();
        try (LocalScoringApi api = start(blobs, home, log)) {
            HttpResponse<String> byId = send(client, get(api.uri(), "/v1/customers/C00001/score", KEY));
            assertEquals(500, byId.statusCode(), byId::body);
            assertFalse(byId.body().contains("disk read error"), "internal details stay in the log: " + byId.body());

            HttpResponse<String> inline = send(client, post(api.uri(), "/v1/scores", KEY, INLINE));
            assertEquals(200, inline.statusCode(), inline::body);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("cannot be read, so customers given by id cannot be scored")
                && logged.contains("disk read error (test)"), logged);
    }
}
