package com.vbp.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Where a process keeps its data, shared by the command side, the query side and the gateway: {@code app.data-dir}
 * (the embedded stores of the standalone process, the gateway's generated token key) and the read-model database
 * {@code app.mongodb.uri} (blank: the standalone query side's embedded store) and {@code app.mongodb.database}.
 */
@ConfigurationProperties("app")
@Validated
public record StorageProperties(@NotNull @DefaultValue("./data") Path dataDir,
                                @Valid @NotNull @DefaultValue Mongodb mongodb) {

    public record Mongodb(@NotNull @DefaultValue("") String uri, @NotBlank @DefaultValue("vbp") String database) {
    }
}
