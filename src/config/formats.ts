/**
 * String formats that JSON Schema cannot express with a pattern, by their `format` name. The zod
 * schema refines with these, and the browser's compiled checks call the same functions.
 */
export function regex(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}
