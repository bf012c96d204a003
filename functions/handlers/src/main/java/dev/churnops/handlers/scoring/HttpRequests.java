package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the handler reads from a REST API proxy event besides the route: headers by
 * case-insensitive name, the content type, and the body, size-checked before it is parsed.
 */
final class HttpRequests {

    private static final String JSON = "application/json";

    private HttpRequests() {
    }

    /**
     * The value of header {@code name} (lower case), whatever the case it was sent in: from
     * {@code headers}, else the last value in {@code multiValueHeaders}, as API Gateway fills them.
     */
    static String header(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers != null) {
            String value = headers.get(name);
            if (value != null) {
                return value;
            }
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                    return e.getValue();
                }
            }
        }
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            for (Map.Entry<String, List<String>> e : multi.entrySet()) {
                List<String> values = e.getValue();
                if (name.equalsIgnoreCase(e.getKey()) && values != null && !values.isEmpty()) {
                    return values.get(values.size() - 1);
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code contentType} is {@code application/json}, with any parameters, as long as a
     * {@code charset} parameter (if any) says UTF-8: JSON is UTF-8 (RFC 8259).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int start = skipSpaces(contentType, 0);
        if (!contentType.regionMatches(true, start, JSON, 0, JSON.length())) {
            return false;
        }
        int i = skipSpaces(contentType, start + JSON.length());
        while (i < contentType.length()) {
            if (contentType.charAt(i) != ';') {
                return false;
            }
            int nameStart = skipSpaces(contentType, i + 1);
            int end = contentType.indexOf(';', nameStart);
            end = end < 0 ? contentType.length() : end;
            int eq = contentType.indexOf('=', nameStart);
            if (eq > 0 && eq < end && contentType.substring(nameStart, eq).trim().equalsIgnoreCase("charset")) {
                String charset = contentType.substring(eq + 1, end).trim();
                if (charset.length() >= 2 && charset.charAt(0) == '"' && charset.charAt(charset.length() - 1) == '"') {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
            i = end;
        }
        return true;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * The body parsed as JSON. Its size is checked first, on the raw text: a body over
     * {@code maxBytes} (UTF-8 bytes, or decoded bytes of a base64 body) is refused with 413
     * before any parsing or decoding, whatever it holds.
     *
     * @throws ApiError 413 when too large, 400 when not base64 (if flagged so) or not JSON
     */
    static Object jsonBody(APIGatewayProxyRequestEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            body = "";
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            if (decodedLength(body) > maxBytes) {
                throw ApiError.tooLarge(maxBytes);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidJson("the body is flagged isBase64Encoded but is not valid base64");
            }
            return ScoringJson.parse(bytes);
        }
        if (utf8Length(body, maxBytes) > maxBytes) {
            throw ApiError.tooLarge(maxBytes);
        }
        return ScoringJson.parse(body);
    }

    /** The bytes a base64 text decodes to (an upper bound when the text is not valid base64). */
    static long decodedLength(String base64) {
        int n = base64.length();
        int padding = 0;
        while (padding < 2 && n - padding > 0 && base64.charAt(n - 1 - padding) == '=') {
            padding++;
        }
        int significant = n - padding;
        return significant / 4 * 3L + Math.max(0, significant % 4 - 1);
    }

    /**
     * A number that is above {@code limit} exactly when the UTF-8 encoding of {@code s} is longer
     * than {@code limit} bytes, found without encoding: a char takes 1 to 3 bytes (a surrogate pair
     * 4 for two chars), so most bodies are decided by their char count alone, and the rest are
     * counted only as far as the limit.
     */
    static long utf8Length(String s, int limit) {
        int chars = s.length();
        if (chars > limit) {
            return chars;
        }
        if (chars * 3L <= limit) {
            return chars;
        }
        long bytes = 0;
        for (int i = 0; i < chars && bytes <= limit; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
