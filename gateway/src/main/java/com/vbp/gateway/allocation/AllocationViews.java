package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationCommands.AllocationCheck;
import com.vbp.events.allocation.AllocationCommands.AllocationFigures;
import com.vbp.events.allocation.ContractBounds;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.Volume;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the allocation endpoints that are not the contract's own records. The lines, pages, figures
 * and the report are answered as the query and command records themselves (value types as plain numbers,
 * {@link com.vbp.gateway.problem.PlainNumbers}); only 检查's answer has a shape of its own.
 */
final class AllocationViews {

    private AllocationViews() {
    }

    /** A refusal as a check reports it: the code, the sentence and the figures of the problem+json 保存 would get. */
    public record CheckProblem(String code, String detail, Map<String, Object> figures) {
    }

    /**
     * The answer to 检查: the fields of {@link AllocationFigures} as 保存 would answer them (null when no figures
     * can be made) and {@code problem}, the refusal 保存 would get, or null. Flat rather than the command's
     * {@link AllocationCheck} so that a client reads the same fields as from 保存.
     */
    public record CheckResponse(String lineId, ContractBounds bounds, List<ContractEntry> entries,
                                AllocatedVolume allocatedTotal, Volume pendingVolume, CheckProblem problem) {
        static CheckResponse of(String lineId, AllocationCheck c) {
            Refusal r = c.problem();
            CheckProblem problem = r == null ? null : new CheckProblem(r.code(), r.message(), r.figures());
            AllocationFigures f = c.figures();
            if (f == null) {
                return new CheckResponse(lineId, null, null, null, null, problem);
            }
            return new CheckResponse(f.lineId(), f.bounds(), f.entries() == null ? List.of() : f.entries(),
                    f.allocatedTotal(), f.pendingVolume(), problem);
        }
    }
}
