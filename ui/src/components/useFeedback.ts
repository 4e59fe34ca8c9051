// The three ways a screen talks back (ui-conventions §7): a 系统提示 confirmation before a consequential act, a
// short toast after success, and an alert for Rust's Chinese refusal that the operator must read (e.g.
// 至少要保留一名启用的管理员, a bundle that fails verification). One place, so every screen uses the same title and
// button words.
import { ElMessage, ElMessageBox } from "element-plus";
import { useI18n } from "vue-i18n";

export function useFeedback() {
  const { t } = useI18n();
  return {
    /** Resolves true on 确定, false on 取消 / Esc / close. */
    async confirm(text: string): Promise<boolean> {
      try {
        await ElMessageBox.confirm(text, t("common.confirmTitle"), {
          confirmButtonText: t("common.ok"),
          cancelButtonText: t("common.cancel"),
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
    /** Shows the Chinese message of a rejected call (IpcCallError.message) as it came from Rust. */
    async refusal(error: unknown): Promise<void> {
      const message = error instanceof Error ? error.message : String(error);
      await ElMessageBox.alert(message, t("common.confirmTitle"), {
        type: "error",
        confirmButtonText: t("common.ok"),
      }).catch(() => undefined);
    },
  };
}
