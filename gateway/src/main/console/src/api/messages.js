// The API's refusal codes in a clerk's words. The API answers in English for developers (problem+json
// `detail`); a clerk reads Chinese, so the console words each code here and shows the figures the API sent.
// A code missing here falls back to the API's own detail, so a new code is never hidden.
const CODES = {
  STARTING: '系统正在启动，请稍候再试',
  READ_MODEL_BEHIND: '数据正在更新，请稍后刷新再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  TRANSFERS_BUSY: '您还有导入或导出正在进行，请等其完成后再试',
  BODY_TOO_LARGE: '提交的内容过大',
  INVALID_READ_AFTER: '数据版本信息无效，请刷新页面',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  TOKEN_EXPIRED: '登录已超过有效时间（8 小时），请重新登录',
  TOKEN_REVOKED: '登录已失效（已退出、修改了密码或账号被停用），请重新登录',
  BAD_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '连续登录失败次数过多，账号已锁定 15 分钟',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  CAPTCHA_REQUIRED: '请输入验证码',
  CAPTCHA_INVALID: '验证码错误，请重新输入',
  CAPTCHA_EXPIRED: '验证码已过期，请重新输入',
  PASSWORD_CHANGE_REQUIRED: '首次登录请先修改初始密码',
  WRONG_PASSWORD: '原密码错误',
  PASSWORD_POLICY: '新密码不符合要求：至少 10 位，须同时包含字母和数字',
  PASSWORD_REUSED: '新密码不能与当前密码或最近两次使用的密码相同',
  FORBIDDEN: '您没有进行此操作的权限',
  OUT_OF_SCOPE: '所查数据超出您的管辖范围',
  NOT_FOUND: '所查的数据不存在',
  INVALID_REQUEST: '填写的内容有误，请按提示修改',
  UNKNOWN_FIELDS: '请求含有系统不认识的字段',
  INVALID_PARAMETERS: '查询条件有误',
  INVALID_PAGE: '分页参数有误',
  INVALID_TIME: '时间格式有误',
  INTERNAL_ERROR: '系统内部错误，请联系管理员',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  IDEMPOTENCY_KEY_IN_USE: '上一次提交仍在处理中，请稍候',
  IDEMPOTENCY_KEY_REUSED: '重复提交的内容与第一次不同',
  // 采购量分配
  UNKNOWN_BATCH: '批次不存在',
  UNKNOWN_LINE: '该记录不存在',
  UNKNOWN_PRODUCT: '所选产品不是本产品组的中选产品',
  WINDOW_CLOSED: '当前不在填报时间内，不能办理',
  ALREADY_REPORTED: '已上报，不能再修改',
  LINE_ALREADY_CONFIRMED: '该记录已确认，不能重新分量；如需修改请先撤回',
  LINE_NOT_CONFIRMED: '该记录尚未确认',
  NOT_ALL_CONFIRMED: '还有 {openSelectedLines} 条中选产品、{openPendingLines} 条待分配量记录未确认，全部确认后才能上报',
  NO_DRAFT: '请先保存分量，再确认',
  NO_ENTRIES: '请至少为一个中选产品填写合同量',
  DUPLICATE_ENTRY: '同一产品只能填写一次',
  INVALID_CONTRACT_VOLUME: '合同量须为正整数',
  CONTRACT_VOLUME_OUT_OF_RANGE: '{drugCode} 的合同量须大于 {lower} 且小于 {upper}（规则{rule}），当前为 {contractVolume}',
  CAPACITY_EXCEEDED: '{drugCode} 的合同量超过企业剩余供应能力',
  MIN_SHARE_NOT_MET: '分配比例未达到规定的最低比例',
  MISSING_REQUIRED_WINNER: '必须为日均费用最低或降幅最高的中选产品分配合同量',
  CATALOGUE_MISSING: '请先上传中选产品目录',
  CATALOGUE_LOCKED: '已有需求数据，中选产品目录不能再修改',
  BATCH_EXISTS: '批次编号已存在',
  INVALID_BATCH_CODE: '批次编号格式有误',
  INVALID_BATCH: '批次信息有误',
  ALREADY_RESERVED: '该明细已占用本产品的量，请先撤回再修改',
  INVALID_WINDOW: '结束时间须晚于开始时间',
  INVALID_MIN_SHARE: '最低比例须在 0 到 1 之间',
  // 文件
  INVALID_ROWS: '文件中有错误的行，请按下表修改后重新上传（本次未导入任何数据）',
  MISSING_COLUMNS: '文件缺少必需的列：{missing}',
  NOT_XLSX: '请上传 Excel（.xlsx）文件',
  EMPTY_FILE: '文件为空',
  FILE_TOO_LARGE: '文件过大',
  TOO_MANY_ROWS: '文件行数超过上限',
  TOO_MANY_FILES: '文件数量超过上限',
  SUSPICIOUS_FILE: '文件内容异常，已拒收',
  UNSUPPORTED_FILE_TYPE: '文件类型不支持：只能是 PDF、JPG、PNG、Excel（.xlsx）或 Word（.docx），按文件内容判断',
  FILE_TYPE_MISMATCH: '文件内容与扩展名不符',
  INVALID_FILE_NAME: '文件名不合法',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型',
  METHOD_NOT_ALLOWED: '不支持该操作',
  NOT_ACCEPTABLE: '不支持请求的数据格式',
  // 结余留用与申诉
  NO_CALCULATION_DATA: '尚未上传测算数据',
  NOT_A_PARTICIPANT: '本机构不在本批次测算范围内',
  INVALID_SCORE: '评分须在 0 到 100 之间，最多一位小数',
  ALREADY_FINALISED: '本批次已完成结算',
  NOT_FINALISED: '本批次尚未结算',
  REASON_REQUIRED: '请填写原因',
  INVALID_REASON: '原因填写有误',
  UNKNOWN_INSTITUTION: '医疗机构不存在',
  UNKNOWN_APPEAL: '申诉不存在',
  UNKNOWN_EVIDENCE: '附件不存在',
  NOT_YOUR_APPEAL: '只能处理本辖区机构的申诉',
  APPEAL_RESOLVED: '申诉已办结',
  APPEAL_NOT_RESOLVED: '申诉尚未办结，不能重新打开',
  ALREADY_REOPENED: '申诉已重新打开',
  APPEAL_PERIOD_OVER: '已超过申诉期限',
  INVALID_TITLE: '标题不能为空，且不超过 100 字',
  INVALID_CONTENT: '申诉内容不能为空',
  INVALID_REPLY: '回复内容不能为空',
  INVALID_EVIDENCE: '附件有误',
  EVIDENCE_TOO_LARGE: '附件过大',
  TOO_MANY_EVIDENCE_FILES: '附件数量超过上限',
  UNSUPPORTED_EVIDENCE_TYPE: '附件只能是 PDF、图片或 Office 文件',
  // 账号
  ACCOUNT_EXISTS: '用户名已存在',
  UNKNOWN_ACCOUNT: '账号不存在',
  INVALID_USERNAME: '用户名格式有误',
  INVALID_ROLE: '角色有误',
  INVALID_ORGANISATION: '所属机构有误',
  UNKNOWN_ORGANISATION: '所属机构不存在',
  ROLE_ORGANISATION_MISMATCH: '角色与所属机构不匹配',
  CANNOT_DISABLE_SELF: '不能停用自己的账号',
  ACCOUNT_IS_DISABLED: '该账号已停用，不能重置密码',
  INVALID_DISPLAY_NAME: '姓名须为 1–50 个字',
  INVALID_PHONE: '手机号须为 11 位大陆手机号',
  INVALID_EMAIL: '电子邮箱格式有误',
  // 审计与重放
  UNKNOWN_AGGREGATE: '对象不存在',
  UNKNOWN_AGGREGATE_TYPE: '对象类型不存在',
  INVALID_CURSOR: '翻页位置已失效，请重新查询',
  UNKNOWN_PROJECTION: '读模型不存在',
  REPLAY_RUNNING: '该读模型正在重建',
  REPLAY_NOT_ALLOWED: '该读模型不允许重建',
  REPLAY_HELD_ELSEWHERE: '另一查询服务实例正在处理该读模型，请先停止该实例再重建',
  // 备份
  BACKUP_RUNNING: '正在备份，请稍后再试',
  BACKUP_NOT_AVAILABLE: '读模型存放在外部 MongoDB 中，请用其自带工具备份'
}

// Row problem codes of uploads (RowCode).
const ROW_CODES = {
  MISSING: '必填项为空',
  NOT_A_NUMBER: '不是数字',
  NOT_WHOLE: '须为整数',
  TOO_MANY_DECIMALS: '小数位数过多',
  OUT_OF_RANGE: '超出允许范围',
  DATE_NOT_NUMBER: '是日期，应为数字',
  BOOLEAN_NOT_NUMBER: '是真/假值，应为数字',
  CELL_ERROR: '单元格是错误值（如 #DIV/0!）',
  TOO_LONG: '内容过长',
  CONTROL_CHARACTER: '含不可见的控制字符或文字方向字符，请重新输入',
  NOT_ALLOWED: '取值不允许',
  DUPLICATE: '与前面的行重复',
  CONFLICTING: '与其他行冲突',
  UNKNOWN_INSTITUTION: '医疗机构不存在或不在本辖区',
  UNKNOWN_GROUP: '产品组不存在',
  UNKNOWN_PRODUCT: '产品不存在',
  WRONG_GROUP: '产品不属于该产品组',
  OUTSIDE_DISTRICT: '不属于本辖区'
}

// What a field the API names (problem `fields`) must hold, in a clerk's words; the API's own words otherwise.
const FIELDS = {
  contactPhone: '手机号须为 11 位大陆手机号（1 开头，第二位 3–9）',
  email: '电子邮箱格式有误，例如 name@hospital.cn',
  displayName: '姓名须为 1–50 个字，不含控制字符',
  username: '用户名须为 3–64 位字母、数字、点、横线或下划线',
  initialPassword: '初始密码至少 10 位，须同时包含字母和数字',
  newPassword: '新密码至少 10 位，须同时包含字母和数字',
  title: '标题不能为空，且不超过 100 字',
  content: '内容不能为空',
  message: '回复内容不能为空',
  score: '评分须在 0 到 100 之间，最多一位小数',
  contractVolume: '合同量须为正整数',
  code: '批次编号不能为空',
  name: '名称不能为空',
  reason: '请填写原因'
}

/** The clerk's words for what a named field must hold. */
export function describeField(field, apiMessage) {
  const key = String(field || '').split('.').pop().replace(/\[\d+\]/g, '')
  return FIELDS[key] || apiMessage || '填写有误'
}

function fill(template, figures) {
  return template.replace(/\{(\w+)\}/g, (m, k) => {
    const v = figures?.[k]
    if (v === undefined || v === null) return m === '{open}' ? '' : '—'
    return Array.isArray(v) ? v.join('、') : String(v)
  })
}

/** The clerk's sentence for a problem; the API's detail when the code is not worded here. */
export function describe(problem) {
  const template = CODES[problem.code]
  if (!template) return problem.detail || problem.title || `请求失败（${problem.status}）`
  return fill(template, problem.figures || {})
}

/** The clerk's sentence for one bad row of an upload. */
export function describeRow(row) {
  const words = ROW_CODES[row.code]
  // The API's own sentence (English, with the figures) stays available as the cell's tooltip.
  return words || row.message
}
