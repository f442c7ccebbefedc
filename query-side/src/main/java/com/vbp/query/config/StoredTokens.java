package com.vbp.query.config;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.HashMap;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;

/**
 * The tokens the processors of every instance stored, read without claiming them: Axon's
 * {@code TokenStore.fetchToken} claims the segment it reads, which would take it from the instance working on it.
 * Reads the documents of Axon's {@code MongoTokenStore} ({@code processorName}, {@code segment}, {@code token},
 * {@code tokenType}) and decodes them as the store does. A stored token is never ahead of its read model
 * ({@link ReadModelFirstTokenStore}), so a position it has passed is in the documents any instance reads.
 */
public final class StoredTokens {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    public StoredTokens(MongoCollection<Document> tokens, Serializer serializer) {
        this.tokens = tokens;
        this.serializer = serializer;
    }

    /** The stored token of each segment of the processor (null for a segment that has processed nothing yet). */
    public Map<Integer, TrackingToken> of(String processorName) {
        Map<Integer, TrackingToken> found = new HashMap<>();
        for (Document d : tokens.find(eq("processorName", processorName))) {
            Binary token = d.get("token", Binary.class);
            int segment = d.getInteger("segment");
            found.put(segment, token == null ? null : new GenericTokenEntry<>(token.getData(), d.getString("tokenType"),
                    null, null, processorName, segment, byte[].class).getToken(serializer));
        }
        return found;
    }
}
