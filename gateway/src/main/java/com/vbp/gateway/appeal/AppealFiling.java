package com.vbp.gateway.appeal;

import com.vbp.events.appeal.AppealCommands.FileAppeal;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.gateway.appeal.AppealViews.EvidenceItem;
import com.vbp.gateway.appeal.AppealViews.FiledAppeal;
import com.vbp.gateway.appeal.EvidenceInspector.Inspected;
import com.vbp.gateway.appeal.EvidenceInspector.Upload;
import com.vbp.gateway.appeal.EvidenceStore.Stored;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.security.CurrentUser;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 申诉 (seed 003 §4.3), the filing: every evidence file is checked first ({@link EvidenceInspector}); then each
 * is streamed into the {@link EvidenceStore} with its SHA-256 taken on the way, the store is committed, and
 * {@link FileAppeal} is sent with an appeal id chosen here (a UUID) and the files' facts. When the command side
 * refuses, the stored files are deleted again: a refused filing changes nothing.
 * <p>
 * The command goes through the {@link CommandGateway} itself rather than {@link Commands#send}, so that only the
 * command's own failure can delete the files: a failure while waiting for the projections afterwards must not.
 * Files are deleted only when the command certainly did nothing (its handler refused or failed, so its unit of
 * work rolled back, or nobody handled it); after any other failure (a lost connection to Axon Server, an
 * interrupted wait) the appeal may exist, so its files are kept, and logged, rather than left dangling.
 */
@Component
public class AppealFiling {

    private static final Logger log = LoggerFactory.getLogger(AppealFiling.class);

    private final EvidenceInspector inspector;
    private final EvidenceStore store;
    private final CommandGateway commandGateway;
    private final Commands commands;

    public AppealFiling(EvidenceInspector inspector, EvidenceStore store, CommandGateway commandGateway,
                        Commands commands) {
        this.inspector = inspector;
        this.store = store;
        this.commandGateway = commandGateway;
        this.commands = commands;
    }

    /** Files the appeal of the user's institution; answers its id and the stored evidence. */
    public FiledAppeal file(CurrentUser institution, String batchCode, String title, String content,
                            List<Upload> uploads) {
        List<Inspected> files = inspector.inspect(uploads);
        String appealId = UUID.randomUUID().toString();
        List<EvidenceFile> evidence = store(appealId, institution.username(), files);
        store.commit();
        try {
            commandGateway.sendAndWait(new FileAppeal(appealId, batchCode, institution.organisation(), title,
                    content, evidence, institution.username()));
        } catch (RuntimeException failure) {
            if (certainlyNotApplied(failure)) {
                delete(evidence);
            } else {
                log.error("Filing appeal {} failed with an unknown outcome; its evidence files {} are kept",
                        appealId, evidence.stream().map(EvidenceFile::fileId).toList(), failure);
            }
            throw failure;
        }
        commands.acknowledged();
        return new FiledAppeal(appealId, batchCode, institution.organisation(), title, AppealStatus.NEW,
                AppealStatus.NEW.label(), evidence.stream().map(f -> EvidenceItem.of(appealId, f)).toList());
    }

    private List<EvidenceFile> store(String appealId, String by, List<Inspected> files) {
        List<EvidenceFile> stored = new ArrayList<>();
        try {
            for (Inspected f : files) {
                try (InputStream in = f.upload().content().open()) {
                    Stored s = store.put(in, f.name(), f.type().mediaType(), appealId, by);
                    stored.add(new EvidenceFile(s.fileId(), f.name(), s.size(), f.type().mediaType(), s.sha256()));
                }
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            delete(stored);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not store the evidence of appeal " + appealId, io);
            }
            throw (RuntimeException) e;
        }
    }

    private void delete(List<EvidenceFile> files) {
        files.forEach(f -> store.delete(f.fileId()));
        store.commit();
    }

    /** The handler ran and threw (its unit of work rolled back), or no handler took the command. */
    static boolean certainlyNotApplied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HandlerExecutionException || t instanceof NoHandlerForCommandException
                    || t instanceof AggregateNotFoundException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
