/**
 * Appeals (申诉, seed 003 §4.3): an institution objects to a retention batch with a title, content and evidence;
 * the administrator or the district bureau of its district replies and may resolve it; the institution may reopen a
 * resolved appeal once. {@link com.vbp.command.appeal.Appeal} is the aggregate, {@link com.vbp.command.appeal.AppealRules}
 * the shape of texts and evidence, {@link com.vbp.command.appeal.RetentionFacts} what it knows of the batch.
 *
 * <h2>Decisions</h2>
 * <ul>
 *     <li><b>When.</b> An appeal may be filed before the batch is finalised (an objection to the calculation data)
 *     and until {@code app.appeals.window-days} (default 30) days of 24 hours after the batch's <em>latest</em>
 *     calculation round, {@code RetentionFinalised} or {@code RetentionRecalculated}: a recalculation brings new
 *     figures one may object to. The deadline itself is excluded, like every window of the platform; the refusal
 *     names {@code finalisedAt} (the latest round's instant), {@code round}, {@code deadline} and
 *     {@code windowDays}. Replies and reopening are not limited in time.</li>
 *     <li><b>Who.</b> Only an institution of the batch's current calculation data (the latest import) may appeal;
 *     the gateway sends the caller's own institution code. Replies: ADMIN, or a DISTRICT_BUREAU whose organisation is
 *     the appeal's district. Reopening: the INSTITUTION whose organisation is the appeal's institution. Whoever else
 *     is refused with {@code NOT_YOUR_APPEAL} before anything about the appeal's state is said.</li>
 *     <li><b>The batch's facts</b> are folded from the batch's own events, read from sequence number 0 so that a
 *     snapshot of the batch never hides them, without loading the {@code RetentionBatch} aggregate and without
 *     locking it. The batch's name and the institution's name and district are copied into {@code AppealFiled} as
 *     they are at filing time.</li>
 *     <li><b>Texts</b> are stripped (Unicode white space, the full-width space too) and counted in characters:
 *     title 1–100 on one line, content 1–2000, reply 1–2000, reason for reopening 1–500.</li>
 *     <li><b>Evidence</b>: 0–10 files, each with its own file id, a name of 1–255 characters, 1 byte to 10 MiB, a
 *     detected type among PDF, JPEG, PNG, xlsx, docx, and a SHA-256 of 64 hexadecimal digits; type and digest are
 *     recorded in lower case. The same content attached twice under two file ids is allowed.</li>
 *     <li><b>Reopening</b> happens once: a second reopen is {@code ALREADY_REOPENED} whatever the status, so a
 *     repeated request says what happened; an appeal never reopened and not resolved is
 *     {@code APPEAL_NOT_RESOLVED}.</li>
 * </ul>
 *
 * <h2>Refusal codes and their proposed HTTP statuses</h2>
 * <table>
 *     <caption>for the catalogue's HTTP statuses (RefusalCode)</caption>
 *     <tr><th>code</th><th>status</th><th>when</th></tr>
 *     <tr><td>INVALID_TITLE, INVALID_CONTENT, INVALID_REPLY, INVALID_REASON</td><td>400</td><td>a text is empty,
 *     too long, or (title) has a line break</td></tr>
 *     <tr><td>TOO_MANY_EVIDENCE_FILES</td><td>400</td><td>more than 10 files</td></tr>
 *     <tr><td>INVALID_EVIDENCE</td><td>400</td><td>a file without id or name, attached twice, empty, or with a bad
 *     digest ({@code problem} says which)</td></tr>
 *     <tr><td>EVIDENCE_TOO_LARGE</td><td>413</td><td>a file above 10 MiB</td></tr>
 *     <tr><td>UNSUPPORTED_EVIDENCE_TYPE</td><td>415</td><td>a type other than PDF, JPEG, PNG, xlsx, docx</td></tr>
 *     <tr><td>UNKNOWN_BATCH</td><td>404</td><td>no such retention batch (already mapped)</td></tr>
 *     <tr><td>NOT_A_PARTICIPANT</td><td>403</td><td>the institution is not in the batch's calculation data</td></tr>
 *     <tr><td>APPEAL_PERIOD_OVER</td><td>409</td><td>too late after the latest calculation round</td></tr>
 *     <tr><td>NOT_YOUR_APPEAL</td><td>404</td><td>not the appeal's district bureau, the administrator, or (to
 *     reopen) its institution: like a read of someone else's appeal</td></tr>
 *     <tr><td>APPEAL_RESOLVED, APPEAL_NOT_RESOLVED, ALREADY_REOPENED</td><td>409</td><td>the appeal's status
 *     forbids it</td></tr>
 * </table>
 */
package com.vbp.command.appeal;
