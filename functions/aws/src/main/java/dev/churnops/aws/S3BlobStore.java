package dev.churnops.aws;

import dev.churnops.core.port.BlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store on AWS: one S3 bucket whose object keys are the blob keys. A missing key is an
 * empty {@link #find} and a false {@link #exists}, as locally; S3 answers 404 for a missing key
 * only to a caller allowed to list the bucket (otherwise 403), so the functions' role needs
 * {@code s3:ListBucket} as well as {@code s3:GetObject}. {@link #putIfAbsent} is atomic: a
 * conditional write ({@code If-None-Match: *}). Throttling, 5xx answers and I/O errors become
 * {@link dev.churnops.core.port.TransientFailure}s; other refusals {@link AwsRequestException}s
 * naming the call and the object.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3BlobStore bucket is blank: expected a bucket name such as churnops-data-dev");
        }
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] content) {
        BlobStore.checkKey(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw AwsFailures.of("S3 PutObject of " + uri(key), e);
        }
    }

    /**
     * Writes only when no object is at {@code key}: {@code 412 PreconditionFailed} means one is, and
     * {@code 409 ConditionalRequestConflict} that another conditional write of the key is under way;
     * both mean another writer has the key, so both are false.
     */
    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        BlobStore.checkKey(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw AwsFailures.of("S3 PutObject (if none match) of " + uri(key), e);
        } catch (SdkException e) {
            throw AwsFailures.of("S3 PutObject (if none match) of " + uri(key), e);
        }
    }

    @Override
    public Optional<byte[]> find(String key) {
        BlobStore.checkKey(key);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsFailures.of("S3 GetObject of " + uri(key), e);
        }
    }

    @Override
    public boolean exists(String key) {
        BlobStore.checkKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            // A HEAD answer has no body, so a missing key is only its 404.
            if (e.statusCode() == 404) {
                return false;
            }
            throw AwsFailures.of("S3 HeadObject of " + uri(key), e);
        } catch (SdkException e) {
            throw AwsFailures.of("S3 HeadObject of " + uri(key), e);
        }
    }

    /** DeleteObject: S3 answers a key that is not there with success too. */
    @Override
    public void delete(String key) {
        BlobStore.checkKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw AwsFailures.of("S3 DeleteObject of " + uri(key), e);
        }
    }

    /** Every key under {@code prefix}, over as many ListObjectsV2 pages as there are, sorted as Java sorts strings. */
    @Override
    public List<String> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket)
                .prefix(prefix.isEmpty() ? null : prefix).build();
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
                keys.add(object.key());
            }
        } catch (SdkException e) {
            throw AwsFailures.of("S3 ListObjectsV2 of " + uri(prefix) + "*", e);
        }
        // S3 lists in UTF-8 byte order, which differs from String order for some characters; the
        // directory store sorts as Java does, and callers rely on one order.
        keys.sort(null);
        return keys;
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
