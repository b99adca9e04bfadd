package io.flexledger.marketplaceapi.uftp;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The outbox's durable list of messages it is delivering (decision 0019): one file per MessageID under
 * {@code <dir>/pending}, written before the message is recorded on the ledger and removed once the
 * recipient answered (or the outbox gave up), holding the exact signed bytes, so that a restarted
 * instance resumes the delivery of what it recorded and had not delivered, with the same bytes and the
 * same give-up deadline, rather than losing it (the ledger says it was sent) or signing it anew.
 */
final class OutboxStore {
    /** One message being delivered. */
    record Pending(
            UUID messageId,
            String element,
            String senderDomain,
            String recipientDomain,
            String sha256,
            Instant started,
            byte[] body) {}

    private final Path pending;

    OutboxStore(Path dir) {
        this.pending = dir.resolve("pending");
    }

    /** Keeps {@code p} until {@link #remove}: written to a temporary file, then moved into place. */
    void keep(Pending p) throws IOException {
        Files.createDirectories(pending);
        Properties props = new Properties();
        props.setProperty("messageId", p.messageId().toString());
        props.setProperty("element", p.element());
        props.setProperty("senderDomain", p.senderDomain());
        props.setProperty("recipientDomain", p.recipientDomain());
        props.setProperty("sha256", p.sha256());
        props.setProperty("started", p.started().toString());
        props.setProperty("body", Base64.getEncoder().encodeToString(p.body()));
        Path tmp = Files.createTempFile(pending, p.messageId().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            props.store(w, "UFTP outbox: a message being delivered");
        }
        Path target = file(p.messageId());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forgets a message: delivered, given up, or not this instance's to deliver. */
    void remove(UUID messageId) throws IOException {
        Files.deleteIfExists(file(messageId));
    }

    /** The messages kept, in no particular order; an unreadable file is skipped (and left for a person). */
    List<Pending> all() throws IOException {
        List<Pending> out = new ArrayList<>();
        if (!Files.isDirectory(pending)) {
            return out;
        }
        try (Stream<Path> files = Files.list(pending)) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".properties"))
                    .toList()) {
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(f)) {
                    props.load(r);
                    out.add(new Pending(
                            UUID.fromString(props.getProperty("messageId")),
                            props.getProperty("element"),
                            props.getProperty("senderDomain"),
                            props.getProperty("recipientDomain"),
                            props.getProperty("sha256"),
                            Instant.parse(props.getProperty("started")),
                            Base64.getDecoder().decode(props.getProperty("body"))));
                } catch (RuntimeException e) {
                    // Not one of ours, or damaged: not delivered blindly.
                }
            }
        }
        return out;
    }

    private Path file(UUID messageId) {
        return pending.resolve(messageId + ".properties");
    }
}
