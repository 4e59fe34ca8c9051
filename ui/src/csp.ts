// Records Content-Security-Policy violations of the webview. The policy (tauri.conf.json) allows no inline
// script or style; a component that needs them would silently lose its styling, so violations are logged to the
// console and kept in a list that the end-to-end tests read (window.__LIAISON_CSP_VIOLATIONS__ must stay empty).

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
}

declare global {
  interface Window {
    __LIAISON_CSP_VIOLATIONS__?: CspViolation[];
  }
}

export function recordCspViolations(target: Window = window): CspViolation[] {
  const list: CspViolation[] = (target.__LIAISON_CSP_VIOLATIONS__ ??= []);
  target.document.addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      directive: event.violatedDirective,
      blockedURI: event.blockedURI,
      sample: event.sample,
    };
    list.push(violation);
    console.error("CSP violation", violation);
  });
  return list;
}
