// How the ranking shows a rate: a percentage with one decimal, as the XLSX sheet writes it (ranking::table), and
// "—" when there was nothing to divide.
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`;
}
