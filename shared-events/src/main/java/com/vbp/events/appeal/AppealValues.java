package com.vbp.events.appeal;

import com.vbp.events.common.Role;

/** The value records of appeals (申诉, seed 003 §4.3). */
public final class AppealValues {

    private AppealValues() {
    }

    /** 待处理 (new, no reply yet), 处理中 (answered or reopened, still open), 已处理 (resolved). */
    public enum AppealStatus {
        NEW("待处理"), IN_PROGRESS("处理中"), RESOLVED("已处理");

        private final String label;

        AppealStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One evidence file as stored in GridFS: the events record only these facts, never the content.
     * {@code contentType} is the type detected from the bytes, not taken from the name.
     */
    public record EvidenceFile(String fileId, String name, long size, String contentType, String sha256) {
    }

    /** Who acted, as the gateway authenticated them; replies are checked against the appeal's district. */
    public record Actor(String username, Role role, String organisation) {
    }
}
