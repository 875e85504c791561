/** `deviceManagementPartners` → `deviceManagementPartner`, `policies` → `policy`, `status` stays. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|us)$/.test(name)) return name;
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** `{id | userPrincipalName}` → `id`; `<row>` → `row`. */
export function placeholderName(placeholder: string): string {
  const inner = placeholder.slice(1, -1).split('|')[0]!.trim();
  return inner.replace(/[^A-Za-z0-9_-]/g, '') || 'id';
}
