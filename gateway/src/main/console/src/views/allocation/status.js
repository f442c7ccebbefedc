// How a line's status (LineStatus of the API) reads on the allocation screens.
export const LINE_STATUS = {
  OPEN: { label: '待确认', type: 'warning' },
  SAVED: { label: '已保存', type: 'primary' },
  CONFIRMED: { label: '已确认', type: 'success' },
  REPORTED: { label: '已上报', type: 'info' }
}
