// One background print job as the 二维码 screen shows it: start it (Rust asks where to save, then works on its own
// thread), poll its progress for the bar, cancel it, open the finished file. Polling, not events: the job outlives
// any one component, and a poll after a reload still finds it by id.
import { onBeforeUnmount, ref } from "vue";
import {
  cancelPrintJob,
  openPrintJobFile,
  printJobStatus,
  startPrintJob,
  type PrintJobStatus,
  type PrintRequest,
} from "../../ipc";

/** How often the bar asks Rust (a 9,000-card sheet takes a few seconds; a bar moving 3 times a second is enough). */
export const POLL_MS = 300;

export function usePrintJob() {
  const id = ref<number | null>(null);
  const status = ref<PrintJobStatus | null>(null);
  const error = ref<string | null>(null);
  const starting = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const running = () => starting.value || status.value?.state === "running";

  async function poll(): Promise<void> {
    if (id.value === null) return;
    try {
      status.value = await printJobStatus(id.value);
      if (status.value.state === "failed") error.value = status.value.error;
    } catch (e) {
      error.value = reason(e);
      return;
    }
    if (status.value.state === "running") timer = setTimeout(poll, POLL_MS);
  }

  /** Starts `request`; false when the save dialog was cancelled or Rust refused (the reason is in `error`). */
  async function start(request: PrintRequest): Promise<boolean> {
    if (running()) return false;
    starting.value = true;
    error.value = null;
    try {
      const started = await startPrintJob(request);
      if (started === null) return false;
      id.value = started.id;
      status.value = { state: "running", done: 0, total: started.total, path: started.path, error: null };
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
    if (id.value === null) return;
    try {
      await cancelPrintJob(id.value);
    } catch (e) {
      error.value = reason(e);
    }
  }

  async function open(): Promise<void> {
    if (id.value === null) return;
    try {
      await openPrintJobFile(id.value);
    } catch (e) {
      error.value = reason(e);
    }
  }

  onBeforeUnmount(() => clearTimeout(timer));
  return { status, error, starting, running, start, cancel, open };
}
