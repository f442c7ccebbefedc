package com.vbp.gateway.appeal;

import com.vbp.events.appeal.AppealQueries.AppealDetail;
import com.vbp.events.appeal.AppealQueries.AppealReply;
import com.vbp.events.appeal.AppealQueries.AppealSummary;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;

import com.vbp.events.common.District;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the appeal endpoints. A status is sent as its name ({@code NEW}, {@code IN_PROGRESS},
 * {@code RESOLVED}) with its Chinese label ({@code statusLabel}: 待处理, 处理中, 已处理); that label, the district's
 * name and an evidence file's download url are what these add to the query records, which is why they are not
 * the records themselves.
 */
public final class AppealViews {

    private AppealViews() {
    }

    /** One row of 申诉管理: 批次, 标题, 机构名称, 提交时间, 状态, 处理人, 处理时间. */
    public record AppealItem(String appealId, String batchCode, String batchName, String title,
                             String institutionCode, String institutionName, String district, String districtName,
                             Instant filedAt, AppealStatus status, String statusLabel, String handledBy,
                             Instant handledAt) {

        static AppealItem of(AppealSummary s) {
            return new AppealItem(s.appealId(), s.batchCode(), s.batchName(), s.title(), s.institutionCode(),
                    s.institutionName(), s.district(), District.nameOf(s.district()), s.filedAt(), s.status(),
                    label(s.status()), s.handledBy(), s.handledAt());
        }
    }

    /** An evidence file's facts and where to download it. */
    public record EvidenceItem(String fileId, String name, long size, String contentType, String sha256,
                               String url) {

        static EvidenceItem of(String appealId, EvidenceFile f) {
            return new EvidenceItem(f.fileId(), f.name(), f.size(), f.contentType(), f.sha256(),
                    AppealController.PATH + "/" + appealId + "/evidence/" + f.fileId());
        }
    }

    /** A reply with its status's label beside it; {@code by} is the contract's {@link Actor} (role as its name). */
    public record ReplyItem(int number, String message, Actor by, AppealStatus status, String statusLabel,
                            Instant at) {

        static ReplyItem of(AppealReply r) {
            return new ReplyItem(r.number(), r.message(), r.by(), r.status(), label(r.status()), r.at());
        }
    }

    /** An appeal with its content, evidence list, replies (oldest first) and its reopening, if any. */
    public record AppealDetailView(String appealId, String batchCode, String batchName, String title, String content,
                                   String institutionCode, String institutionName, String district,
                                   String districtName, Instant filedAt, AppealStatus status, String statusLabel, String handledBy, Instant handledAt,
                                   List<EvidenceItem> evidence, List<ReplyItem> replies, String reopenReason,
                                   Instant reopenedAt) {

        static AppealDetailView of(AppealDetail d) {
            AppealSummary s = d.summary();
            return new AppealDetailView(s.appealId(), s.batchCode(), s.batchName(), s.title(), d.content(),
                    s.institutionCode(), s.institutionName(), s.district(), District.nameOf(s.district()),
                    s.filedAt(), s.status(), label(s.status()),
                    s.handledBy(), s.handledAt(),
                    d.evidence().stream().map(f -> EvidenceItem.of(s.appealId(), f)).toList(),
                    d.replies().stream().map(ReplyItem::of).toList(), d.reopenReason(), d.reopenedAt());
        }
    }

    /** The answer to a filing: what the gateway itself knows, so it needs no read model. */
    public record FiledAppeal(String appealId, String batchCode, String institutionCode, String title,
                              AppealStatus status, String statusLabel, List<EvidenceItem> evidence) {
    }

    static String label(AppealStatus status) {
        return status == null ? null : status.label();
    }
}
