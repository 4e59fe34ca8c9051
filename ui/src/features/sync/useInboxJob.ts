// The office's inbox run as the 同步 screen shows it: start it (Rust imports file after file on its own thread),
// poll its progress for the bar, cancel it between files, read the per-file result when it is done. Polling, not
// events, as for the print jobs: the run outlives the screen, and coming back to it finds the last run.
import { onBeforeUnmount, ref } from "vue";
import { syncInboxCancel, syncInboxStart, syncInboxStatus, type InboxJobStatus } from "../../ipc";

/** How often the bar asks Rust: a file takes a fraction of a second, so three times a second is enough. */
export const POLL_MS = 300;

export function useInboxJob(onFinished: () => void) {
  const status = ref<InboxJobStatus | null>(null);
  const error = ref<string | null>(null);
  const starting = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const running = () => starting.value || status.value?.state === "running";

  async function poll(notify = true): Promise<void> {
    try {
      status.value = await syncInboxStatus();
    } catch (e) {
      error.value = reason(e);
      return;
    }
    if (status.value?.state === "running") {
      timer = setTimeout(poll, POLL_MS);
    } else if (status.value) {
      if (status.value.state === "failed") error.value = status.value.error;
      if (notify) onFinished();
    }
  }

  /** Starts the run; false when Rust refused (the reason is in `error`). */
  async function start(): Promise<boolean> {
    if (running()) return false;
    starting.value = true;
    error.value = null;
    try {
      await syncInboxStart();
      status.value = { state: "running", done: 0, total: 0, report: null, error: null };
      timer = setTimeout(poll, POLL_MS);
      return true;
    } catch (e) {
      error.value = reason(e);
      return false;
    } finally {
      starting.value = false;
    }
  }

  async function cancel(): Promise<void> {
    try {
      await syncInboxCancel();
    } catch (e) {
      error.value = reason(e);
    }
  }

  /** Shows how the last run of this app session ended (or that one is still running). */
  async function resume(): Promise<void> {
    await poll(false);
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { status, error, starting, running, start, cancel, resume };
}
