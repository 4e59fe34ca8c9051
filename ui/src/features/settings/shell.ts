// Hands a setup saved on this screen to the shell: the session flow shows it in the header and re-arms the idle
// lock with its minutes (session/flow.ts `applySetup`), without leaving the screen.
import type { InstallationSetup } from "../../ipc";
import type { SessionFlow } from "../../session/flow";

export function applySavedSetup(flow: SessionFlow, saved: InstallationSetup): void {
  flow.applySetup(saved);
}
