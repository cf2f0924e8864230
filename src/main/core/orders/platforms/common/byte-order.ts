/** Parameter keys are ASCII; compare code units so the order never depends on the locale. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
