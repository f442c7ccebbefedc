package com.vbp.gateway.excel;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The sizes and times of Excel files, per kind of file ({@code sheet}: the sheet name the file kind carries, e.g.
 * 医疗机构需求): {@value #UPLOAD} times the reading of an upload ({@code outcome} read or refused) and
 * {@value #UPLOAD_ROWS} counts its data rows; {@value #EXPORT_ROWS} and {@value #EXPORT_BYTES} measure each export.
 * The readers and writers are plain objects (constants of the controllers), so they record in Micrometer's global
 * registry, to which Spring Boot adds the application's registry ({@code management.metrics.use-global-registry},
 * true by default) and from which it removes it when the application stops.
 */
final class ExcelMetrics {

    static final String UPLOAD = "vbp.upload";
    static final String UPLOAD_ROWS = "vbp.upload.rows";
    static final String EXPORT_ROWS = "vbp.export.rows";
    static final String EXPORT_BYTES = "vbp.export.bytes";

    private ExcelMetrics() {
    }

    static Timer.Sample start() {
        return Timer.start(registry());
    }

    static void uploaded(Timer.Sample started, String sheet, int rows, boolean refused) {
        started.stop(Timer.builder(UPLOAD).description("Reading of uploaded Excel files")
                .tag("sheet", sheet).tag("outcome", refused ? "refused" : "read").register(registry()));
        if (!refused) {
            DistributionSummary.builder(UPLOAD_ROWS).description("Data rows of uploaded Excel files")
                    .baseUnit("rows").tag("sheet", sheet).register(registry()).record(rows);
        }
    }

    static void exported(String sheet, int rows, long bytes) {
        DistributionSummary.builder(EXPORT_ROWS).description("Data rows of Excel exports").baseUnit("rows")
                .tag("sheet", sheet).register(registry()).record(rows);
        DistributionSummary.builder(EXPORT_BYTES).description("Size of Excel exports").baseUnit("bytes")
                .tag("sheet", sheet).register(registry()).record(bytes);
    }

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }
}
