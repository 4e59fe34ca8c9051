// What the two panels that edit the office's rules (办理规则, 节假日日历) share: who may change them (office staff
// and administrators; the others read), one read of what is shown (loading, the failure in words, a late answer for
// an earlier read dropped), the add / edit dialog's state, and a delete that asks first, shows its toast or Rust's
// refusal, and reads again either way. Each panel keeps only its own tables and dialog.
import { computed, ref, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import { useSessionFlow } from "../../session/flow";
import { useFeedback } from "../../components/useFeedback";
import { mayEditRules } from "./roles";

export function useRulesPanel<A extends unknown[], V, E>(options: {
  /** Reads what the panel shows. */
  read: (...args: A) => Promise<V>;
  /** The message when the read fails, given { reason }. */
  loadFailed: string;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const flow = useSessionFlow();
  const editable = computed(() => mayEditRules(flow.state.session?.role));

  const view = ref(null) as Ref<V | null>;
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  let seq = 0;

  /** Reads and shows; resolves to the answer, or null when it failed or a newer read has started. */
  async function load(...args: A): Promise<V | null> {
    const mine = ++seq;
    loading.value = true;
    try {
      const answer = await options.read(...args);
      if (mine !== seq) return null;
      view.value = answer;
      loadError.value = null;
      return answer;
    } catch (e) {
      if (mine === seq) loadError.value = t(options.loadFailed, { reason: e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  const dialogOpen = ref(false);
  /** The entry the dialog changes; null when it adds one. */
  const editing = ref(null) as Ref<E | null>;
  function openAdd(): void {
    editing.value = null;
    dialogOpen.value = true;
  }
  function openEdit(entry: E): void {
    editing.value = entry;
    dialogOpen.value = true;
  }

  /** Asks `question`; on 确定 runs `change`, shows `done` (or Rust's refusal), then runs `after` either way. */
  async function confirmedChange(question: string, change: () => Promise<unknown>, done: string, after: () => Promise<unknown>) {
    if (!(await feedback.confirm(question))) return;
    try {
      await change();
      feedback.success(done);
    } catch (e) {
      void feedback.refusal(e);
    }
    await after();
  }

  return { t, feedback, editable, view, loading, loadError, load, dialogOpen, editing, openAdd, openEdit, confirmedChange };
}
