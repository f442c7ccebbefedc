import { ref } from 'vue'
import { ElMessageBox } from 'element-plus'

/** Asks before an action that cannot be undone; answers whether the clerk went on (false on 取消 or Esc). */
export async function confirmed(...args) {
  try {
    await ElMessageBox.confirm(...args)
    return true
  } catch (cancelled) {
    return false
  }
}

/**
 * A form's submit: checks the form's own required fields, runs `action` once at a time (`busy`), and keeps the
 * API's refusal in `problem` for the fields it names. `submit` answers whether the action went through.
 */
export function useSubmit(action) {
  const form = ref()
  const busy = ref(false)
  const problem = ref(null)
  async function submit(...args) {
    if (form.value && !(await form.value.validate().catch(() => false))) return false
    busy.value = true
    problem.value = null
    try {
      await action(...args)
      return true
    } catch (p) {
      problem.value = p
      return false
    } finally {
      busy.value = false
    }
  }
  return { form, busy, problem, submit }
}
