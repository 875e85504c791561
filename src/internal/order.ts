/**
 * Orders strings by their UTF-16 code units, the same on every machine. Written output (the
 * contract model's types, pact files, summaries) is sorted with this rather than `localeCompare`,
 * whose order follows the process's locale: under LANG=et_EE.UTF-8, `zone` sorts before `tuple`,
 * so two machines would write different files from the same docs.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
