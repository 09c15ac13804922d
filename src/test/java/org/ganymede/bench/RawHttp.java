package org.ganymede.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection on a plain blocking socket, for load generation: a fraction
 * of the CPU of {@code java.net.http.HttpClient}, so that on a 2-core machine the hub under test,
 * not the load generator, sets the pace. Enough HTTP for the hubs' answers: Content-Length or
 * chunked bodies, {@code Connection: close}, repeated headers (every {@code Set-Cookie}).
 */
final class RawHttp implements AutoCloseable {
    record Response(int status, List<String[]> headers, byte[] body) {
        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
            return out;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one request ({@code extraHeaders} as "Name: value" lines) and reads its whole answer. */
    Response exchange(String method, String path, List<String> extraHeaders, byte[] body) throws IOException {
        if (socket == null) connect();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (String h : extraHeaders) head.append(h).append("\r\n");
        if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) out.write(body);
        out.flush();
        Response response = read();
        if (response.all("connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"))) close();
        return response;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String status = line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP answer: " + status);
        List<String[]> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("content-length")) length = Long.parseLong(value);
            if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) chunked = true;
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                all.write(in.readNBytes((int) size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
            body = all.toByteArray();
        } else {
            body = length > 0 ? in.readNBytes((int) length) : new byte[0];
        }
        return new Response(Integer.parseInt(parts[1]), headers, body);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed by the server");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
