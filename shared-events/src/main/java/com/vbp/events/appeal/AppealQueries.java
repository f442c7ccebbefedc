package com.vbp.events.appeal;

import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.Paged;

import java.time.Instant;
import java.util.List;

/** Queries of appeals and their answers; {@code institution}/{@code district} narrow the scope. */
public final class AppealQueries {

    private AppealQueries() {
    }

    /** Newest first. */
    public record ListAppeals(String batchCode, AppealStatus status, String institution, String district, int page,
                              int size) {
    }

    /** One row of 申诉管理: 批次, 标题, 机构名称, 提交时间, 状态, 处理人, 处理时间 (the latest reply's). */
    public record AppealSummary(String appealId, String batchCode, String batchName, String title,
                                String institutionCode, String institutionName, String district, Instant filedAt,
                                AppealStatus status, String handledBy, Instant handledAt) {
    }

    public record AppealPage(List<AppealSummary> items, int page, int size, long total)
            implements Paged<AppealSummary> {
    }

    /** Answers null when unknown. */
    public record FindAppeal(String appealId) {
    }

    public record AppealReply(int number, String message, Actor by, AppealStatus status, Instant at) {
    }

    public record AppealDetail(AppealSummary summary, String content, List<EvidenceFile> evidence,
                               List<AppealReply> replies, String reopenReason, Instant reopenedAt) {
    }
}
