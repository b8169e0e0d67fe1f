package io.vitrine.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client over a plain socket for administering test servers (forming a cluster, moving slots, reading
 * what the code under test wrote), independent of the client under test. Replies are {@link String} (simple and bulk
 * strings), {@link Long}, {@link List} or null; an error reply throws {@link Error}.
 */
public final class Resp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** A connection to {@code 127.0.0.1:port}. */
    public static Resp connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            return new Resp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command on a new connection and returns its reply. */
    public static Object call(int port, Object... args) {
        try (Resp resp = connect(port)) {
            return resp.send(args);
        }
    }

    /** Sends one command and returns its reply. */
    public Object send(Object... args) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            buffer.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object arg : args) {
                byte[] bytes = String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
                buffer.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                buffer.write(bytes);
                buffer.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(buffer.toByteArray());
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new IOException("connection closed");
        }
        String line = line();
        switch (type) {
            case '+' :
                return line;
            case '-' :
                throw new Error(line);
            case ':' :
                return Long.parseLong(line);
            case '$' : {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                in.readNBytes(2);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' : {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    try {
                        items.add(read());
                    } catch (Error e) {
                        items.add(e);
                    }
                }
                return items;
            }
            default :
                throw new IOException("unexpected reply type " + (char) type + line);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do.
        }
    }

    /** An error reply. */
    public static final class Error extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }
}
