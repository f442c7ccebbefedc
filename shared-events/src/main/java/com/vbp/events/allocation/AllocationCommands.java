package com.vbp.events.allocation;

import com.vbp.events.common.Volume;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Commands of one institution's allocation in one batch (seed 000 §3.2.2–§3.2.4). The target is
 * {@link AllocationIds#of(String, String)}; a line is identified by its drug code within its kind.
 */
public final class AllocationCommands {

    private AllocationCommands() {
    }

    /** 确认 a selected-product line: its volume is booked on its product. */
    public record ConfirmSelectedLine(@TargetAggregateIdentifier String allocationId, String lineId, String by) {
    }

    /** One entry of an allocation as the institution types it: a winner and its contract volume 合同量. */
    public record EntryRequest(String drugCode, Volume contractVolume) {
    }

    /** 保存: the entries replace the previous draft of the pending line; answered with {@link AllocationFigures}. */
    public record SaveAllocation(@TargetAggregateIdentifier String allocationId, String lineId,
                                 List<EntryRequest> entries, String by) {
    }

    /**
     * 检查: the rule of 保存 run on what the institution is typing, storing nothing; answered with
     * {@link AllocationCheck}, so a form can show the bounds and totals while the user types.
     */
    public record CheckAllocation(@TargetAggregateIdentifier String allocationId, String lineId,
                                  List<EntryRequest> entries, String by) {
    }

    /** 确认 the saved draft: every rule is checked again and capacity is reserved, atomically. */
    public record ConfirmAllocation(@TargetAggregateIdentifier String allocationId, String lineId, String by) {
    }

    /** 撤回 a confirmed pending line: its reservation is released and the line is a draft again. */
    public record WithdrawAllocation(@TargetAggregateIdentifier String allocationId, String lineId, String by) {
    }

    /** 上报: every line of the institution in the batch is final afterwards. */
    public record ReportAllocation(@TargetAggregateIdentifier String allocationId, String by) {
    }

    /**
     * The answer to a save (and to a confirm): the open interval allowed for the entry that absorbs the
     * remainder, each entry's figures and the line's allocated total.
     */
    public record AllocationFigures(String lineId, ContractBounds bounds, List<ContractEntry> entries,
                                    com.vbp.events.common.AllocatedVolume allocatedTotal,
                                    Volume pendingVolume) {
    }

    /**
     * The answer to a check: the figures a save of the same entries would answer (null when the entries cannot
     * be figured at all, e.g. no entry or an unknown product) and the refusal the save would get, or null when
     * it would be stored.
     */
    public record AllocationCheck(AllocationFigures figures, com.vbp.events.common.Refusal problem) {
    }
}
