// A QR module matrix (from Rust) as one SVG path: each run of dark modules in a row becomes one rectangle, offset by
// the quiet zone. Drawn as vector data by Vue, so no image and no raw HTML crosses from Rust to the page.
export const QUIET_ZONE = 4;

export function qrPath(size: number, modules: readonly boolean[]): string {
  const parts: string[] = [];
  for (let y = 0; y < size; y += 1) {
    let x = 0;
    while (x < size) {
      if (!modules[y * size + x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && modules[y * size + x]) x += 1;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h-${x - start}z`);
    }
  }
  return parts.join("");
}
