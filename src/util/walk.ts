/** A path of keys and list indices into parsed YAML data. */
export type DataPath = (string | number)[];

/** Calls `visit` with every string in a value (depth first, in document order) and its path. */
export function walkStrings(value: unknown, visit: (text: string, path: DataPath) => void, path: DataPath = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, [...path, i]));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...path, k]);
}

/** The path of the first string containing `needle`, if any. */
export function findString(value: unknown, needle: string): DataPath | undefined {
  let found: DataPath | undefined;
  walkStrings(value, (text, path) => {
    if (!found && text.includes(needle)) found = path;
  });
  return found;
}
