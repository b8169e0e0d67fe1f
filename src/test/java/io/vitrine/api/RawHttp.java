package io.vitrine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a socket, for hostile-input tests: it sends exactly the request line,
 * headers and bytes it is given (invalid percent escapes, no or several content types, chunked bodies of any size),
 * which {@link java.net.http.HttpClient} and REST Assured refuse or normalise. One connection per request.
 */
final class RawHttp {
    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * A request.
     *
     * @param target the request target exactly as sent, e.g. {@code /v1/items/%ZZ}
     * @param headers sent in order; {@code Host}, {@code Connection: close} and the body framing are added
     * @param body null for none
     * @param chunked whether to send the body with chunked transfer encoding (no Content-Length)
     */
    record Request(String method, String target, Map<String, String> headers, byte[] body, boolean chunked) {
    }

    /**
     * A response.
     *
     * @param status the status code, or -1 when the server closed the connection without answering
     * @param headers lower-case names
     */
    record Response(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    Response send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (request.body() != null) {
                head.append(request.chunked()
                        ? "Transfer-Encoding: chunked\r\n"
                        : "Content-Length: " + request.body().length + "\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (request.body() != null) {
                    if (request.chunked()) {
                        for (int from = 0; from < request.body().length; from += 8192) {
                            int n = Math.min(8192, request.body().length - from);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(request.body(), from, n);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(request.body());
                    }
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer (413) and close before reading the whole body: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // Keep what arrived before the reset.
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] raw = all.toByteArray();
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(size, body.length - from));
            at = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
