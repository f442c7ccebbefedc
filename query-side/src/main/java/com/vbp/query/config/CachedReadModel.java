package com.vbp.query.config;

/**
 * A projection that keeps part of its read model in memory (a catalogue, an index, rows read ahead). A replay
 * builds the read model beside the live one and then puts its collections in place of the live ones; the live
 * projection's memory then describes collections that are gone, and is dropped here.
 */
public interface CachedReadModel {

    /** Forgets what is held in memory of the collections; the next read loads it from the store again. */
    void dropCaches();
}
