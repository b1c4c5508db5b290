package org.parsimony.experiments.data;

import org.parsimony.variational.data.DataFileException;
import org.parsimony.variational.data.IdxImageDataset;
import org.parsimony.variational.data.TrainTestSplit;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Download and checksum checks against a local HTTP server serving the bundled subset's files under MNIST's names. */
class MnistArchiveTest {
    private static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(Map<String, byte[]> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    private static Map<String, byte[]> subsetFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = MnistArchiveTest.class.getResourceAsStream(IdxImageDataset.BUNDLED_SUBSET + name)) {
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    private static Map<String, String> sums(Map<String, byte[]> files) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            sums.put(f.getKey(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(f.getValue())));
        }
        return sums;
    }

    @Test
    void downloadsOnceChecksAndLoads() throws Exception {
        Map<String, byte[]> files = subsetFiles();
        MnistArchive archive = new MnistArchive(dir.resolve("cache"), serve(files), sums(files));
        TrainTestSplit split = archive.load();
        assertEquals(10_000, split.train().size());
        assertEquals(4, requests.get());
        archive.load();
        assertEquals(4, requests.get(), "cached files are not downloaded again");
    }

    @Test
    void aDownloadWithTheWrongSumIsDiscardedAndNamed() throws Exception {
        Map<String, byte[]> files = subsetFiles();
        Map<String, String> sums = sums(files);
        files.put("t10k-labels-idx1-ubyte.gz", new byte[] {1, 2, 3});
        MnistArchive archive = new MnistArchive(dir.resolve("cache"), serve(files), sums);
        DataFileException e = assertThrows(DataFileException.class, archive::load);
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("wrong SHA-256")
                && e.getMessage().contains(sums.get("t10k-labels-idx1-ubyte.gz")), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache").resolve("t10k-labels-idx1-ubyte.gz")), "the bad download is not kept");
        try (var names = Files.list(dir.resolve("cache"))) {
            assertEquals(3, names.count(), "the three good files, no temporary file");
        }
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void filesWithTheWrongSumInTheCacheAreNamedAndLeftUntouched() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        for (String name : FILES) {
            Files.writeString(cache.resolve(name), "my own notes, not MNIST: " + name);
        }
        MnistArchive archive = new MnistArchive(cache, URI.create("http://127.0.0.1:9/mnist/"), MnistArchive.SHA256,
                (source, destination) -> {
                    throw new AssertionError("nothing is downloaded over an existing file: " + source);
                });
        DataFileException e = assertThrows(DataFileException.class, archive::load);
        String first = cache.resolve(FILES[0]).toString();
        String found = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("my own notes, not MNIST: " + FILES[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith(first + ": SHA-256 mismatch (expected " + MnistArchive.SHA256.get(FILES[0])
                + ", found " + found + ")") && e.getMessage().contains("left untouched"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        for (String name : FILES) {
            assertEquals("my own notes, not MNIST: " + name, Files.readString(cache.resolve(name)), name + " is unchanged");
        }
        try (var names = Files.list(cache)) {
            assertEquals(4, names.count(), "nothing added");
        }
    }

    @Test
    void withoutANetworkTheErrorSaysWhereToPutTheFiles() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MnistArchive archive = new MnistArchive(dir.resolve("cache"), URI.create("http://127.0.0.1:" + closedPort + "/mnist/"));
        DataFileException e = assertThrows(DataFileException.class, archive::load);
        assertTrue(e.getMessage().contains("put the four files") && e.getMessage().contains(dir.resolve("cache").toString()),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        try (var leftovers = Files.list(dir.resolve("cache"))) {
            assertEquals(0, leftovers.count(), "no partial download left");
        }
    }

    @Test
    void thePinnedSumsAreTheFourMnistFiles() {
        assertEquals(java.util.List.of(FILES), java.util.List.copyOf(MnistArchive.SHA256.keySet()));
        MnistArchive.SHA256.values().forEach(sum -> assertTrue(sum.matches("[0-9a-f]{64}"), sum));
    }
}
