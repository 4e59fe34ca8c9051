// The 同步 screen's confirmations and messages (ui-conventions §7): 系统提示 confirm before a consequential act
// (重新登记, settling a conflict), a toast after success, and an alert for Rust's Chinese refusal that a clerk
// must read (a bundle that fails verification, a missing enrollment).
import { ElMessage, ElMessageBox } from "element-plus";
import { useI18n } from "vue-i18n";

export function useSyncFeedback() {
  const { t } = useI18n();
  return {
    /** Resolves true on 确定, false on 取消 / Esc / close. */
    async confirm(text: string): Promise<boolean> {
      try {
        await ElMessageBox.confirm(text, t("sync.confirmTitle"), {
          confirmButtonText: t("sync.ok"),
          cancelButtonText: t("sync.cancel"),
          type: "warning",
        });
        return true;
      } catch {
        return false;
      }
    },
    success(text: string): void {
      ElMessage.success(text);
    },
    /** The Chinese message of a rejected call (IpcCallError.message), as Rust wrote it. */
    async refusal(error: unknown): Promise<void> {
      const message = error instanceof Error ? error.message : String(error);
      await ElMessageBox.alert(message, t("sync.confirmTitle"), { type: "error", confirmButtonText: t("sync.ok") }).catch(
        () => undefined,
      );
    },
  };
}
