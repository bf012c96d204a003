package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.TransientFailure;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3BlobStoreTest {

    private static final String BUCKET = "churnops-data-test";
    private static final String HOST = BUCKET + ".s3.eu-west-1.amazonaws.com";

    private final FakeHttp http = new FakeHttp();
    private final S3BlobStore store = new S3BlobStore(TestClients.s3(http), BUCKET);

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
    }

    private static String listing(boolean truncated, String next, String... keys) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name>"
                + "<KeyCount>" + keys.length + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>" + truncated + "</IsTruncated>");
        if (next != null) {
            b.append("<NextContinuationToken>").append(next).append("</NextContinuationToken>");
        }
        for (String key : keys) {
            b.append("<Contents><Key>").append(key).append("</Key><Size>1</Size></Contents>");
        }
        return b.append("</ListBucketResult>").toString();
    }

    @Test
    void putsTheObjectAtTheKeyInTheBucket() {
        http.respond(200, "", "ETag", "\"abc\"");

        store.put("raw/customers/dt=2026-12-01/customers.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));

        FakeHttp.Sent put = http.only();
        assertEquals("PUT", put.method());
        assertEquals(HOST, put.host());
        assertEquals("/raw/customers/dt%3D2026-12-01/customers.csv", put.path());
        assertNull(put.header("If-None-Match"));
        assertTrue(put.text().contains("a,b\n1,2\n"), put::text);
        assertTrue(put.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
                () -> put.header("Authorization"));
    }

    @Test
    void putIfAbsentSendsIfNoneMatchStarAndReportsItStored() {
        http.respond(200, "", "ETag", "\"abc\"");

        boolean stored = store.putIfAbsent("models/churn/3/model.tar.gz", new byte[] {1, 2, 3});

        FakeHttp.Sent put = http.only();
        assertTrue(stored);
        assertEquals("PUT", put.method());
        assertEquals("/models/churn/3/model.tar.gz", put.path());
        assertEquals("*", put.header("If-None-Match"));
    }

    @Test
    void putIfAbsentIsFalseWhenTheKeyIsTaken() {
        http.respond(412, error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));

        assertFalse(store.putIfAbsent("models/churn/3/model.tar.gz", new byte[] {1}));
    }

    @Test
    void putIfAbsentIsFalseWhileAnotherConditionalWriteOfTheKeyIsUnderWay() {
        http.respond(409, error("ConditionalRequestConflict", "A conflicting conditional operation is currently in progress"));

        assertFalse(store.putIfAbsent("models/churn/3/model.tar.gz", new byte[] {1}));
    }

    @Test
    void putIfAbsentNamesTheObjectWhenRefusedForAnotherReason() {
        http.respond(403, error("AccessDenied", "Access Denied"));

        AwsRequestException e = assertThrows(AwsRequestException.class,
                () -> store.putIfAbsent("models/churn/3/model.tar.gz", new byte[] {1}));

        assertTrue(e.getMessage().contains("s3://" + BUCKET + "/models/churn/3/model.tar.gz"), e::getMessage);
        assertTrue(e.getMessage().contains("AccessDenied (HTTP 403)"), e::getMessage);
    }

    @Test
    void findsTheContentOfAnObject() {
        http.respond(200, "v1 bytes", "Content-Type", "application/octet-stream");

        Optional<byte[]> found = store.find("models/churn/1/version.json");

        assertArrayEquals("v1 bytes".getBytes(StandardCharsets.UTF_8), found.orElseThrow());
        FakeHttp.Sent get = http.only();
        assertEquals("GET", get.method());
        assertEquals(HOST, get.host());
        assertEquals("/models/churn/1/version.json", get.path());
    }

    @Test
    void findsNothingForAMissingKey() {
        http.respond(404, error("NoSuchKey", "The specified key does not exist."));

        assertEquals(Optional.empty(), store.find("models/churn/9/version.json"));
    }

    @Test
    void aMissingBucketIsNotAMissingKey() {
        http.respond(404, error("NoSuchBucket", "The specified bucket does not exist"));

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> store.find("models/churn/9/version.json"));

        assertTrue(e.getMessage().contains("NoSuchBucket"), e::getMessage);
        assertTrue(e.getMessage().contains("S3 GetObject of s3://" + BUCKET + "/models/churn/9/version.json"), e::getMessage);
    }

    @Test
    void existsAsksForTheHeadOnly() {
        http.respond(200, "", "ETag", "\"abc\"");

        assertTrue(store.exists("validated/customers/dt=2026-12-01/customers.csv"));
        assertEquals("HEAD", http.only().method());
    }

    @Test
    void deleteSendsDeleteObjectForTheKey() {
        http.respond(204, "");

        store.delete("features/online/v/segment-0000000001.bin");

        FakeHttp.Sent sent = http.only();
        assertEquals("DELETE", sent.method());
        assertEquals(HOST, sent.host());
        assertEquals("/features/online/v/segment-0000000001.bin", sent.path());
    }

    @Test
    void deleteNamesTheObjectWhenRefused() {
        http.respond(403, error("AccessDenied", "Access Denied"));

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> store.delete("features/online/v/x.bin"));

        assertTrue(e.getMessage().contains("S3 DeleteObject of s3://" + BUCKET + "/features/online/v/x.bin"), e::getMessage);
    }

    @Test
    void doesNotExistWhenTheHeadIs404() {
        http.respond(404, "");

        assertFalse(store.exists("validated/customers/dt=2026-12-01/customers.csv"));
    }

    @Test
    void listsEveryPageUnderThePrefixSortedAsJavaSortsKeys() {
        http.respond(200, listing(true, "page-2", "models/churn/1/version.json", "models/churn/10/version.json"))
                .respond(200, listing(false, null, "models/churn/2/version.json", "models/churn/\uE000/x.json",
                        "models/churn/\uD83D\uDE00/x.json"));

        List<String> keys = store.list("models/churn/");

        assertEquals(List.of("models/churn/1/version.json", "models/churn/10/version.json", "models/churn/2/version.json",
                "models/churn/\uD83D\uDE00/x.json", "models/churn/\uE000/x.json"), keys);
        List<FakeHttp.Sent> sent = http.sent();
        assertEquals(2, sent.size());
        assertEquals("2", sent.get(0).query("list-type"));
        assertEquals("models/churn/", sent.get(0).query("prefix"));
        assertNull(sent.get(0).query("continuation-token"));
        assertEquals("page-2", sent.get(1).query("continuation-token"));
        assertEquals("models/churn/", sent.get(1).query("prefix"));
    }

    @Test
    void listsTheWholeBucketForAnEmptyPrefix() {
        http.respond(200, listing(false, null, "a/b.csv"));

        assertEquals(List.of("a/b.csv"), store.list(""));
        assertNull(http.only().query("prefix"));
    }

    @Test
    void throttlingIsATransientFailure() {
        http.respond(503, error("SlowDown", "Please reduce your request rate."));

        TransientFailure e = assertThrows(TransientFailure.class, () -> store.find("models/churn/1/version.json"));

        assertTrue(e.getMessage().contains("S3 GetObject of s3://" + BUCKET + "/models/churn/1/version.json"), e::getMessage);
        assertTrue(e.getMessage().contains("SlowDown"), e::getMessage);
    }

    @Test
    void aServerErrorIsTransientOnceTheSdkHasRetriedIt() {
        FakeHttp retried = new FakeHttp().respond(500, error("InternalError", "We encountered an internal error."));
        S3BlobStore withRetries = new S3BlobStore(TestClients.s3WithRetries(retried), BUCKET);

        assertThrows(TransientFailure.class, () -> withRetries.exists("models/churn/1/version.json"));
        assertTrue(retried.sent().size() > 1, "the SDK's own retries come first: " + retried.sent().size() + " attempt(s)");
    }

    @Test
    void aBrokenConnectionIsATransientFailure() {
        http.fail(new SocketTimeoutException("Read timed out"));

        TransientFailure e = assertThrows(TransientFailure.class, () -> store.put("a/b.csv", new byte[] {1}));

        assertTrue(e.getMessage().contains("S3 PutObject of s3://" + BUCKET + "/a/b.csv"), e::getMessage);
        assertInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class, e.getCause());
    }

    @Test
    void checksKeysBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> store.put("../etc/passwd", new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> store.find("/raw/a.csv"));
        assertEquals(List.of(), http.sent());
    }

    @Test
    void refusesABlankBucket() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new S3BlobStore(TestClients.s3(http), " "));
        assertTrue(e.getMessage().contains("bucket"), e::getMessage);
    }
}
