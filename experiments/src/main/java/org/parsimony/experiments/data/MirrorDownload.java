package org.parsimony.experiments.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a file from a mirror to a local path. {@link MnistArchive} calls it with a temporary file of its own as the
 * destination, so an archive can be tested without a network by handing it another download.
 */
@FunctionalInterface
interface MirrorDownload {
    /** The download over HTTP(S) that {@link MnistArchive} uses by default, with 20-second timeouts. */
    MirrorDownload HTTP = (source, destination) -> {
        URLConnection connection = source.toURL().openConnection();
        connection.setConnectTimeout(20_000);
        connection.setReadTimeout(20_000);
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    };

    /** Writes the bytes of {@code source} to {@code destination}, replacing its content. */
    void copy(URI source, Path destination) throws IOException;
}
