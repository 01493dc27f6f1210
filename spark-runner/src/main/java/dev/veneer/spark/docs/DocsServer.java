package dev.veneer.spark.docs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.veneer.catalog.ErrorCode;
import dev.veneer.catalog.VeneerException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves a site over HTTP, reading the project and state again for every page loaded: a reload shows
 * what changed. The data a page loads right after it ({@code data/graph.js}) comes from the same read.
 */
public final class DocsServer implements AutoCloseable {
    /** How long a page's read serves the requests that follow it (its scripts' data). */
    private static final Duration SAME_LOAD = Duration.ofSeconds(10);

    private final HttpServer server;
    private final Supplier<Site> sites;
    private final java.util.function.Consumer<Exception> errors;
    private Site last;
    private long lastAt;

    private DocsServer(HttpServer server, Supplier<Site> sites, java.util.function.Consumer<Exception> errors) {
        this.server = server;
        this.sites = sites;
        this.errors = errors;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port).
     *
     * @param errors told about a page that could not be made (a bad project file, say); the page shows the error
     */
    public static DocsServer start(String host, int port, Supplier<Site> sites, java.util.function.Consumer<Exception> errors) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        }
        catch (BindException e) {
            throw new VeneerException(ErrorCode.OUTPUT_INVALID, "cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); another program uses the port: choose another with --port");
        }
        catch (IOException e) {
            throw new VeneerException(ErrorCode.OUTPUT_INVALID, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        DocsServer docs = new DocsServer(server, sites, errors);
        server.createContext("/", docs::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "veneer-docs-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return docs;
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain", "only GET".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            path = path.equals("/") ? SitePaths.INDEX : path.substring(1);
            if (path.contains("..")) {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<byte[]> asset = Assets.content(path);
            if (asset.isPresent()) {
                send(exchange, 200, contentType(path), asset.get());
                return;
            }
            Site site;
            try {
                site = site(path.endsWith(".html"));
            }
            catch (RuntimeException e) {
                errors.accept(e);
                String message = e instanceof VeneerException veneer ? veneer.describe() : String.valueOf(e);
                Html html = new Html().doctype().open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8")
                        .element("title", "Error · Veneer").close("head").open("body").element("h1", "The project cannot be read")
                        .element("pre", message).element("p", "Fix it and reload this page.").close("body").close("html");
                send(exchange, 500, "text/html; charset=utf-8", html.finish().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<byte[]> content = site.content(path);
            if (content.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", ("no page " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, contentType(path), content.get());
        }
    }

    private synchronized Site site(boolean page) {
        long now = System.nanoTime();
        if (page || last == null || now - lastAt > SAME_LOAD.toNanos()) {
            last = sites.get();
            lastAt = now;
        }
        return last;
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
