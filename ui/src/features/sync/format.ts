// How the 同步 screen names things: timestamps as YYYY-MM-DD HH:mm:ss in local time (Rust sends RFC 3339), and a
// sender's node id as the clerk knows it — the station's code, 机关 for the office — using the peers list, since
// node ids mean nothing to a person.
import type { PeerRow } from "../../ipc";

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD HH:mm:ss` in local time; "-" for nothing or a value that does not parse. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return "-";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "-";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The name of the node `nodeId`: its station code, `officeLabel` for the office, else the id's first 8 characters. */
export function senderName(nodeId: string, peers: readonly PeerRow[], officeLabel: string): string {
  const peer = peers.find((p) => p.node_id === nodeId);
  if (peer?.role === "office") return officeLabel;
  if (peer?.station_code) return peer.station_code;
  return nodeId.slice(0, 8);
}
