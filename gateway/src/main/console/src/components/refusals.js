/**
 * The sentence to show next to each form field for a refusal: the fields the API named (`fields`) and, for
 * codes that are about one field (BATCH_EXISTS is about the code), that field. `codeFields`: code -> field.
 */
export function fieldErrorsOf(problem, codeFields = {}, aliases = {}) {
  if (!problem) return {}
  const out = problem.fieldErrors ? problem.fieldErrors() : {}
  for (const [from, to] of Object.entries(aliases)) if (out[from] && !out[to]) out[to] = out[from]
  const field = codeFields[problem.code]
  if (field) out[field] = problem.message
  return out
}

/** Whether the refusal is shown next to a field of the form (else it goes in a ProblemAlert). */
export function besideAField(problem, errors, fields) {
  return !!problem && fields.some((f) => errors[f])
}
