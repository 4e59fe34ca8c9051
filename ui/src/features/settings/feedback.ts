// The three ways this screen talks back (ui-conventions §7): a confirmation before a consequential change, a
// short toast after success, and an alert for a refusal the administrator must read (e.g. Rust's
// 至少要保留一名启用的管理员). Kept in one place so every tab uses the same title and button words.
import { ElMessage, ElMessageBox } from "element-plus";
import { useI18n } from "vue-i18n";

export function useFeedback() {
  const { t } = useI18n();
  return {
    /** Resolves true on 确定, false on 取消 / Esc / close. */
    async confirm(text: string): Promise<boolean> {
      try {
        await ElMessageBox.confirm(text, t("settings.confirmTitle"), {
          confirmButtonText: t("settings.actions.ok"),
          cancelButtonText: t("settings.actions.cancel"),
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
      await ElMessageBox.alert(message, t("settings.confirmTitle"), {
        type: "error",
        confirmButtonText: t("settings.actions.ok"),
      }).catch(() => undefined);
    },
  };
}
