// The names the audit API uses for the aggregates an auditor can rebuild (AuditedAggregates), beside the
// aggregate type events carry (Axon's), and their Chinese names.
export const AGGREGATES = [
  { name: 'procurement-batch', axon: 'ProcurementBatch', label: '采购批次', hint: '批次编号，例如 HB-ZCY-2023' },
  { name: 'allocation', axon: 'InstitutionAllocation', label: '医疗机构采购量分配', hint: '批次编号/机构编码，例如 HB-ZCY-2023/H42010200001' },
  { name: 'capacity', axon: 'ProductCapacity', label: '企业供应能力', hint: 'capacity/批次编号/产品编码' },
  { name: 'retention', axon: 'RetentionBatch', label: '结余留用批次', hint: '批次编号，例如 RET-2024-4P7' },
  { name: 'appeal', axon: 'Appeal', label: '申诉', hint: '申诉编号' }
]

/** Other aggregate types the history shows (not rebuilt as of a time). */
export const OTHER_TYPES = [{ axon: 'Account', label: '账号' }]

export function aggregateLabel(axonType) {
  const a = AGGREGATES.find((x) => x.axon === axonType) || OTHER_TYPES.find((x) => x.axon === axonType)
  return a ? a.label : axonType || '—'
}

/** The audit name of an event's aggregate type, when its timeline can be opened. */
export function auditName(axonType) {
  return AGGREGATES.find((x) => x.axon === axonType)?.name
}

/** `com.vbp.events.identity.IdentityEvents$AccountCreated` -> `AccountCreated` */
export function shortType(type) {
  return String(type || '').split(/[.$]/).pop()
}

export const pretty = (value) => JSON.stringify(value, null, 2)
